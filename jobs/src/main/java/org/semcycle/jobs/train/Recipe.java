package org.semcycle.jobs.train;

import org.semcycle.training.TrainLoop;

/**
 * How one network of {@code semcycle train} is trained: which inputs it needs (checked before
 * any data is read), the data it reads, the task, samples and loop options it builds from the
 * run's {@link org.semcycle.training.TrainProfile}.
 */
public interface Recipe {
  /** Trains into the run's model folder (resuming what is there) and returns the run's summary. */
  TrainLoop.Summary train(TrainRun run) throws Exception;
}
