package org.huxley.model;

/**
 * A voltage clamp of one compartment: after step n the compartment's voltage is overwritten with
 * sample n (mV), as Jaxley does; the initial voltage is the compartment's v.
 *
 * @param site the clamped compartment
 * @param voltageMv the voltage, mV per step
 */
public record Clamp(Site site, double[] voltageMv) {
}
