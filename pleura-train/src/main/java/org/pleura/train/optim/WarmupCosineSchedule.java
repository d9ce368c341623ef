package org.pleura.train.optim;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate rising linearly from {@code peak / warmupSteps} to {@code peak} over the warm-up, then following a
 * half cosine down to {@code floor} at {@code totalSteps}, and staying there.
 *
 * @param peak        learning rate at the end of the warm-up
 * @param floor       final learning rate
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param totalSteps  steps until the floor is reached
 */
public record WarmupCosineSchedule(float peak, float floor, int warmupSteps, int totalSteps) implements Tracker {

    public WarmupCosineSchedule {
        if (!(peak > 0) || floor < 0 || floor > peak || warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("invalid schedule: peak " + peak + ", floor " + floor + ", warm-up "
                    + warmupSteps + ", total " + totalSteps);
        }
    }

    /** Rate at update {@code numUpdate} (1-based, as DJL counts). */
    @Override
    public float getNewValue(int numUpdate) {
        int step = Math.max(1, numUpdate);
        if (step <= warmupSteps) {
            return peak * step / warmupSteps;
        }
        int decay = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decay);
        return (float) (floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
