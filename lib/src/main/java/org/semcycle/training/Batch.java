package org.semcycle.training;

import ai.djl.ndarray.NDList;

/**
 * One mini-batch: network inputs and training targets as NDArrays of one step's NDManager.
 *
 * @param inputs what the network's forward pass takes
 * @param labels targets (loss side), in the order the task documents
 * @param size number of samples
 */
public record Batch(NDList inputs, NDList labels, int size) {}
