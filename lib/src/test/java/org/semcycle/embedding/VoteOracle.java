package org.semcycle.embedding;

/**
 * The k-NN vote of {@link KeypointTransfer} written again on its own (the oracle shares no code
 * with what it checks): every point's neighbours (given) vote for their ids with weight {@code
 * exp(-d^2 / T)}, per id the first point of highest summed weight wins; an id nobody votes for
 * goes to the point nearest to its mean (in double).
 */
final class VoteOracle {
  private VoteOracle() {}

  /** Winning points and confidences, with the mean fallback. */
  static Votes vote(NearestNeighbours.Result nn, int[] rowSlot, int slots, float temperature,
      float[] emb, float[] means, int dim) {
    int n = nn.queries();
    double[] score = new double[n * slots];
    double[] total = new double[n];
    for (int p = 0; p < n; p++) {
      for (int r = 0; r < nn.k(); r++) {
        double w = Math.exp(-nn.squaredDistance(p, r) / temperature);
        score[p * slots + rowSlot[nn.index(p, r)]] += w;
        total[p] += w;
      }
    }
    int[] picks = new int[slots];
    double[] conf = new double[slots];
    for (int j = 0; j < slots; j++) {
      int best = -1;
      double bestScore = 0;
      for (int p = 0; p < n; p++) {
        if (score[p * slots + j] > bestScore) {
          bestScore = score[p * slots + j];
          best = p;
        }
      }
      if (best < 0 && means != null) {
        double bestD = Double.POSITIVE_INFINITY;
        for (int p = 0; p < n; p++) {
          double s = 0;
          for (int d = 0; d < dim; d++) {
            double t = (double) emb[p * dim + d] - means[j * dim + d];
            s += t * t;
          }
          if (s < bestD) {
            bestD = s;
            best = p;
          }
        }
      } else if (best >= 0) {
        conf[j] = bestScore / total[best];
      }
      picks[j] = best;
    }
    return new Votes(picks, conf);
  }

  record Votes(int[] picks, double[] confidences) {}
}
