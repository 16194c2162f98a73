package org.semcycle.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.keypointnet.RotationGroup;
import org.semcycle.datasets.keypointnet.Symmetries;
import org.semcycle.geometry.Bounds;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.geometry.Vec3;

/**
 * Assembles a model from solids placed in named part groups, places keypoints on the parts'
 * surfaces, and normalises the result to ShapeNet's frame (bounding-box diagonal 1, centred).
 *
 * <p>Right-hand parts (x &gt; 0) are built once and mirrored through the Y-Z plane with
 * {@link #addMirrored}; a keypoint on a mirrored solid maps to the same face offset with its
 * barycentric weights (w0, w2, w1), so left and right keypoints are exact mirror images.
 * Keypoints are stored as (face, barycentric weights) and only turned into xyz after
 * normalisation (a uniform scale and translation keeps barycentric weights), so xyz equals
 * {@code mesh.pointOnFace(face, weights)} exactly. Snapping a target point to a part uses a
 * hand-written closest-point-on-triangle search (Ericson's algorithm) over the part's faces.
 */
final class PartAssembly {
  /** A solid as placed in the mesh: its first face index and face count. */
  record Placed(int firstFace, int faceCount) {
    boolean contains(int face) {
      return face >= firstFace && face < firstFace + faceCount;
    }
  }

  private record Pending(int face, double[] w) {}

  private final KeypointVocabulary.Category vocabulary;
  private final MeshBuilder builder = new MeshBuilder();
  private final Map<Placed, Placed> mirrors = new HashMap<>();
  private final TreeMap<Integer, Pending> keypoints = new TreeMap<>();
  private final List<int[]> declaredRotations = new ArrayList<>();
  private final List<int[]> triangles = new ArrayList<>();

  PartAssembly(KeypointVocabulary.Category vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** Adds a solid to part group {@code group} with material {@code m}. */
  Placed add(String group, Material m, Solid s) {
    builder.useGroup(group);
    builder.useMaterial(m);
    int base = builder.vertexCount();
    for (int i = 0; i < s.vertexCount(); i++) {
      builder.addVertex(s.vertex(i));
    }
    int first = builder.faceCount();
    for (int f = 0; f < s.faceCount(); f++) {
      int[] t = {base + s.corner(f, 0), base + s.corner(f, 1), base + s.corner(f, 2)};
      builder.addTriangle(t[0], t[1], t[2]);
      triangles.add(t);
    }
    return new Placed(first, s.faceCount());
  }

  /**
   * Adds a right-hand solid to {@code rightGroup} and its mirror image to {@code leftGroup}
   * (the same group for parts that hold both sides); returns the right placement.
   */
  Placed addMirrored(String rightGroup, String leftGroup, Material m, Solid right) {
    Placed r = add(rightGroup, m, right);
    Placed l = add(leftGroup, m, right.mirroredX());
    mirrors.put(r, l);
    return r;
  }

  /** Places keypoint {@code name} at the point of {@code on}'s surface nearest to {@code target}. */
  void keypoint(String name, Vec3 target, Placed... on) {
    int id = vocabulary.id(name);
    if (keypoints.containsKey(id)) {
      throw new IllegalStateException("keypoint " + name + " placed twice");
    }
    double best = Double.POSITIVE_INFINITY;
    Pending pick = null;
    for (Placed p : on) {
      for (int f = p.firstFace(); f < p.firstFace() + p.faceCount(); f++) {
        Vec3 a = builder.vertex(tri(f, 0));
        Vec3 b = builder.vertex(tri(f, 1));
        Vec3 c = builder.vertex(tri(f, 2));
        double[] w = closestBarycentric(target, a, b, c);
        Vec3 q = a.times(w[0]).plus(b.times(w[1])).plus(c.times(w[2]));
        double d = q.distance(target);
        if (d < best) {
          best = d;
          pick = new Pending(f, w);
        }
      }
    }
    if (pick == null) {
      throw new IllegalArgumentException("keypoint " + name + " has no faces to sit on");
    }
    keypoints.put(id, pick);
  }

  /** Places {@code leftName} as the mirror image of the already placed {@code rightName}. */
  void mirrorKeypoint(String rightName, String leftName) {
    Pending r = keypoints.get(vocabulary.id(rightName));
    if (r == null) {
      throw new IllegalStateException("keypoint " + rightName + " not placed yet");
    }
    for (Map.Entry<Placed, Placed> e : mirrors.entrySet()) {
      if (e.getKey().contains(r.face())) {
        int face = e.getValue().firstFace() + (r.face() - e.getKey().firstFace());
        int id = vocabulary.id(leftName);
        if (keypoints.containsKey(id)) {
          throw new IllegalStateException("keypoint " + leftName + " placed twice");
        }
        keypoints.put(id, new Pending(face, new double[] {r.w()[0], r.w()[2], r.w()[1]}));
        return;
      }
    }
    throw new IllegalStateException("keypoint " + rightName + " is not on a mirrored solid");
  }

  /** Places a right keypoint on a mirrored solid and its vocabulary reflection partner. */
  void keypointPair(String rightName, Vec3 target, Placed right) {
    keypoint(rightName, target, right);
    int mirror = vocabulary.mirrorOf(vocabulary.id(rightName));
    if (mirror < 0) {
      throw new IllegalStateException(rightName + " has no reflection partner in the vocabulary");
    }
    mirrorKeypoint(rightName, vocabulary.name(mirror));
  }

  /**
   * Declares a rotation group of this model only (semantic ids of the named keypoints, in this
   * order), for groups that the vocabulary does not list for every model that has the ids.
   */
  void rotationGroup(String... names) {
    int[] ids = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      ids[i] = vocabulary.id(names[i]);
    }
    declaredRotations.add(ids);
  }

  private int tri(int face, int corner) {
    // MeshBuilder has no triangle accessor: keep our own log of the triangles added.
    return triangles.get(face)[corner];
  }

  /** Normalises the mesh and resolves keypoints and symmetries. */
  SynthModel build(String synset, String category, String modelId, String variant) {
    Mesh raw = builder.build();
    Bounds b = raw.bounds();
    Vec3 c = b.center();
    double s = 1.0 / b.diagonal();
    Mesh mesh = raw.mapVertices(v -> v.minus(c).times(s));
    List<Keypoint> kps = new ArrayList<>();
    Map<Integer, Integer> index = new HashMap<>();
    for (Map.Entry<Integer, Pending> e : keypoints.entrySet()) {
      Pending p = e.getValue();
      Vec3 xyz = mesh.pointOnFace(p.face(), p.w()[0], p.w()[1], p.w()[2]);
      double[] kd = mesh.faceMaterial(p.face()).kd();
      int[] rgb = new int[3];
      for (int i = 0; i < 3; i++) {
        rgb[i] = (int) Math.max(0, Math.min(255, Math.round(kd[i] * 255)));
      }
      index.put(e.getKey(), kps.size());
      kps.add(new Keypoint(xyz.toArray(), rgb, e.getKey(), -1, p.face(), p.w()));
    }
    List<int[]> reflection = new ArrayList<>();
    for (int[] pair : vocabulary.reflectionPairs()) {
      if (index.containsKey(pair[0]) && index.containsKey(pair[1])) {
        reflection.add(new int[] {index.get(pair[0]), index.get(pair[1])});
      }
    }
    // Rotation groups as KeypointNet writes them: kp_indexes only, no circle. The vocabulary's
    // groups apply to every model holding all their members; declared ones to this model.
    List<RotationGroup> rotation = new ArrayList<>();
    for (int[] group : vocabulary.rotationGroups()) {
      int[] idx = listIndexes(group, index);
      if (idx != null) {
        rotation.add(new RotationGroup(idx, false, null, 0, null));
      }
    }
    for (int[] group : declaredRotations) {
      int[] idx = listIndexes(group, index);
      if (idx == null) {
        throw new IllegalStateException("rotation group " + Arrays.toString(group) + " declared without all its keypoints");
      }
      rotation.add(new RotationGroup(idx, false, null, 0, null));
    }
    return new SynthModel(synset, category, modelId, variant, mesh, kps,
        new Symmetries(reflection, rotation));
  }

  /** Keypoint-list indexes of semantic ids {@code group}, or null when one is not placed. */
  private static int[] listIndexes(int[] group, Map<Integer, Integer> index) {
    int[] idx = new int[group.length];
    for (int i = 0; i < group.length; i++) {
      Integer k = index.get(group[i]);
      if (k == null) {
        return null;
      }
      idx[i] = k;
    }
    return idx;
  }

  /**
   * Closest point of triangle abc to p as barycentric weights (Ericson, Real-Time Collision
   * Detection, 5.1.5), clamped to [0, 1].
   */
  static double[] closestBarycentric(Vec3 p, Vec3 a, Vec3 b, Vec3 c) {
    Vec3 ab = b.minus(a);
    Vec3 ac = c.minus(a);
    Vec3 ap = p.minus(a);
    double d1 = ab.dot(ap);
    double d2 = ac.dot(ap);
    if (d1 <= 0 && d2 <= 0) {
      return new double[] {1, 0, 0};
    }
    Vec3 bp = p.minus(b);
    double d3 = ab.dot(bp);
    double d4 = ac.dot(bp);
    if (d3 >= 0 && d4 <= d3) {
      return new double[] {0, 1, 0};
    }
    double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0) {
      double v = d1 / (d1 - d3);
      return new double[] {1 - v, v, 0};
    }
    Vec3 cp = p.minus(c);
    double d5 = ab.dot(cp);
    double d6 = ac.dot(cp);
    if (d6 >= 0 && d5 <= d6) {
      return new double[] {0, 0, 1};
    }
    double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0) {
      double w = d2 / (d2 - d6);
      return new double[] {1 - w, 0, w};
    }
    double va = d3 * d6 - d5 * d4;
    if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) {
      double w = (d4 - d3) / ((d4 - d3) + (d5 - d6));
      return new double[] {0, 1 - w, w};
    }
    double denom = 1.0 / (va + vb + vc);
    double v = Math.max(0, Math.min(1, vb * denom));
    double w = Math.max(0, Math.min(1 - v, vc * denom));
    return new double[] {1 - v - w, v, w};
  }
}
