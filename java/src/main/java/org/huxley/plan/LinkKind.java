package org.huxley.plan;

/** The kinds of axial links in the node tree (reference-numerics §4.1). */
public enum LinkKind {
    /** Neighbouring compartments in a branch: {@code a} proximal, {@code b} distal. */
    COMP_TO_COMP,
    /** Branch point {@code a} and the last compartment {@code b} of its parent branch. */
    BRANCHPOINT_TO_PARENT_END,
    /** Branch point {@code a} and the first compartment {@code b} of a child branch. */
    BRANCHPOINT_TO_CHILD_START
}
