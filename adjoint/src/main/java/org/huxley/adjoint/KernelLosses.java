package org.huxley.adjoint;

import org.huxley.cuda.KernelGradients;

/**
 * Which {@link Loss}es the gradient kernels can evaluate on the device: the mean squared error of
 * {@link Losses#meanSquaredError} and {@link Losses#meanSquaredErrorTo} (HX_LOSS_MSE). Any other loss
 * runs on the host between the forward and the backward sweep.
 */
public final class KernelLosses {
    private KernelLosses() {
    }

    /**
     * {@return the device form of {@code loss}, or null if it has none}
     *
     * @param loss a loss
     */
    public static KernelGradients.DeviceLoss deviceLoss(Loss loss) {
        if (loss instanceof MeanSquaredError m) {
            return new KernelGradients.DeviceLoss(m.target(), m.constant(), m.stride());
        }
        return null;
    }
}
