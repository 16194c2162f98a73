package org.semcycle.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.Seeds;

/**
 * Procedural cars: a lofted lower body (chamfered sections from nose to tail), a cabin
 * (tapered box) whose length and position depend on the type, four wheels (torus tyre + hub),
 * bumpers, head and tail lights, optional side mirrors, and for pickups an open bed.
 * Types: {@code sedan}, {@code hatchback}, {@code suv}, {@code pickup}. Variant string:
 * {@code type/mirrors|nomirrors}.
 */
public final class CarGenerator implements ShapeGenerator {
  /** Keypoint names this generator places. */
  public static final List<String> KEYPOINTS = List.of(
      "wheel_front_right", "wheel_front_left", "wheel_back_right", "wheel_back_left",
      "headlight_right", "headlight_left", "taillight_right", "taillight_left",
      "mirror_right", "mirror_left", "roof_front_right", "roof_front_left",
      "roof_back_right", "roof_back_left", "bumper_front_right", "bumper_front_left",
      "bumper_back_right", "bumper_back_left", "hood_front_center", "body_back_center",
      "bed_back_right", "bed_back_left");

  static final String[] TYPES = {"sedan", "hatchback", "suv", "pickup"};

  private final KeypointVocabulary.Category vocabulary;

  public CarGenerator(KeypointVocabulary.Category vocabulary) {
    for (String k : KEYPOINTS) {
      vocabulary.id(k);
    }
    this.vocabulary = vocabulary;
  }

  @Override
  public String category() {
    return "car";
  }

  @Override
  public String synset() {
    return vocabulary.synset();
  }

  @Override
  public SynthModel generate(long seed, int index) {
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, "car", index, "shape"));
    PartAssembly asm = new PartAssembly(vocabulary);
    String type = TYPES[r.nextInt(TYPES.length)];
    boolean mirrors = r.nextDouble() < 0.8;
    boolean big = type.equals("suv") || type.equals("pickup");

    Material paint = Palette.random("body", r, 0.3, 0.9, 0.25, 0.95);
    Material roof = r.nextDouble() < 0.7 ? paint : Palette.random("roof", r, 0.0, 0.3, 0.1, 0.95);
    Material tyreMat = Palette.grey("tyre", Palette.uniform(r, 0.05, 0.15));
    Material rimMat = Palette.grey("rim", Palette.uniform(r, 0.55, 0.85));
    Material bumperMat = r.nextBoolean() ? paint : Palette.grey("bumper", Palette.uniform(r, 0.1, 0.4));
    Material head = new Material("headlight", 0.95, 0.95, Palette.uniform(r, 0.7, 0.9));
    Material tail = new Material("taillight", Palette.uniform(r, 0.7, 0.95), 0.05, 0.05);
    Material mirrorMat = r.nextBoolean() ? paint : Palette.grey("mirror", 0.15);

    double len = type.equals("hatchback") ? Palette.uniform(r, 3.6, 4.3) : Palette.uniform(r, 4.2, 5.4);
    double hw = len * Palette.uniform(r, 0.18, 0.215);
    double rw = big ? Palette.uniform(r, 0.36, 0.46) : Palette.uniform(r, 0.28, 0.35);
    double yb = rw * Palette.uniform(r, big ? 0.7 : 0.5, big ? 0.95 : 0.7);
    double bodyH = big ? Palette.uniform(r, 0.65, 0.85) : Palette.uniform(r, 0.45, 0.6);
    double yt = yb + bodyH;
    double ohF = len * Palette.uniform(r, 0.15, 0.21);
    double ohB = len * Palette.uniform(r, 0.15, 0.23);
    double zF = -len / 2 + ohF;
    double zB = len / 2 - ohB;
    double z0 = -len / 2;
    double z1 = len / 2;

    // Cabin extent by type.
    double cabH = Palette.uniform(r, big ? 0.45 : 0.38, big ? 0.62 : 0.5);
    double zc0 = zF + Palette.uniform(r, 0.15, 0.6);
    double zc1;
    double zt0 = zc0 + Palette.uniform(r, 0.45, 0.8);
    double zt1;
    double noseDrop = Palette.uniform(r, 0.1, 0.3) * bodyH;
    double tailDrop;
    switch (type) {
      case "sedan" -> {
        zc1 = zB + Palette.uniform(r, 0.0, 0.35);
        zt1 = zc1 - Palette.uniform(r, 0.35, 0.6);
        tailDrop = Palette.uniform(r, 0.0, 0.1);
      }
      case "hatchback" -> {
        zc1 = z1 - 0.08;
        zt1 = zc1 - Palette.uniform(r, 0.15, 0.4);
        tailDrop = Palette.uniform(r, 0.0, 0.05);
      }
      case "suv" -> {
        zc1 = z1 - 0.06;
        zt1 = zc1 - Palette.uniform(r, 0.03, 0.15);
        tailDrop = 0;
      }
      default -> {
        zc1 = zc0 + Palette.uniform(r, 1.3, 1.8);
        zt1 = zc1 - Palette.uniform(r, 0.05, 0.12);
        tailDrop = 0;
      }
    }
    zt0 = Math.min(zt0, zt1 - 0.4);

    // Lower body: a loft of chamfered sections.
    double[][] stations = {
      {z0, 0.9, yb + 0.08, yt - noseDrop},
      {z0 + 0.15, 1.0, yb, yt - noseDrop * 0.5},
      {zc0, 1.0, yb, yt},
      {z1 - 0.15, 1.0, yb, yt - tailDrop},
      {z1, 0.92, yb + 0.08, yt - tailDrop - 0.05},
    };
    List<Vec3[]> rings = new ArrayList<>();
    for (double[] s : stations) {
      rings.add(section(s[0], hw * s[1], s[2], s[3]));
    }
    PartAssembly.Placed body = asm.add("body", paint, Loft.of(rings, null, null));
    asm.keypoint("hood_front_center", new Vec3(0, stations[0][3], z0), body);
    asm.keypoint("body_back_center", new Vec3(0, stations[4][3], z1), body);

    // Cabin.
    double bx = hw * 0.94;
    double tx = hw * Palette.uniform(r, 0.7, 0.86);
    double y1 = yt + cabH;
    PartAssembly.Placed cabin = asm.add("cabin", roof,
        Hexahedron.taperedY(0, yt - 0.03, bx, zc0, zc1, y1, tx, zt0, zt1));
    asm.keypoint("roof_front_right", new Vec3(tx, y1, zt0), cabin);
    asm.keypoint("roof_front_left", new Vec3(-tx, y1, zt0), cabin);
    asm.keypoint("roof_back_right", new Vec3(tx, y1, zt1), cabin);
    asm.keypoint("roof_back_left", new Vec3(-tx, y1, zt1), cabin);

    // Pickup bed: two side walls and a tailgate on the rear body.
    if (type.equals("pickup")) {
      double bedH = Palette.uniform(r, 0.15, 0.28);
      double wall = 0.05;
      asm.addMirrored("bed", "bed", paint, Hexahedron.box(
          new Vec3(hw * 0.92 - wall, yt - 0.02, zc1 + 0.04), new Vec3(hw * 0.92, yt + bedH, z1 - 0.03)));
      PartAssembly.Placed gate = asm.add("tailgate", paint, Hexahedron.box(
          new Vec3(-hw * 0.92, yt - 0.02, z1 - 0.03 - wall), new Vec3(hw * 0.92, yt + bedH, z1 - 0.03)));
      asm.keypoint("bed_back_right", new Vec3(hw * 0.92, yt + bedH, z1 - 0.03), gate);
      asm.keypoint("bed_back_left", new Vec3(-hw * 0.92, yt + bedH, z1 - 0.03), gate);
    }

    // Wheels: torus tyre and hub; right side built, left mirrored.
    double minor = rw * Palette.uniform(r, 0.22, 0.32);
    double major = rw - minor;
    double xw = hw - minor * Palette.uniform(r, 0.2, 0.6);
    String[][] wheels = {{"wheel_fr", "wheel_fl", "wheel_front_right"}, {"wheel_br", "wheel_bl", "wheel_back_right"}};
    for (int i = 0; i < 2; i++) {
      Vec3 c = new Vec3(xw, rw, i == 0 ? zF : zB);
      asm.addMirrored(wheels[i][0], wheels[i][1], tyreMat, WheelPart.tyre(c, major, minor, 18, 8));
      PartAssembly.Placed hub = asm.addMirrored(wheels[i][0], wheels[i][1], rimMat,
          WheelPart.hub(c, major - 0.3 * minor, -0.6 * minor, 0.75 * minor, 16));
      asm.keypointPair(wheels[i][2], c.plus(new Vec3(0.75 * minor, 0, 0)), hub);
    }

    // Bumpers.
    double bh0 = yb + Palette.uniform(r, 0.0, 0.05);
    double bh1 = bh0 + Palette.uniform(r, 0.1, 0.2);
    double out = Palette.uniform(r, 0.03, 0.08);
    double bw = hw * 0.95;
    PartAssembly.Placed fb = asm.add("bumper_front", bumperMat,
        Hexahedron.box(new Vec3(-bw, bh0, z0 - out), new Vec3(bw, bh1, z0 + 0.12)));
    asm.keypoint("bumper_front_right", new Vec3(bw, (bh0 + bh1) / 2, z0 - out), fb);
    asm.keypoint("bumper_front_left", new Vec3(-bw, (bh0 + bh1) / 2, z0 - out), fb);
    PartAssembly.Placed bb = asm.add("bumper_back", bumperMat,
        Hexahedron.box(new Vec3(-bw, bh0, z1 - 0.12), new Vec3(bw, bh1, z1 + out)));
    asm.keypoint("bumper_back_right", new Vec3(bw, (bh0 + bh1) / 2, z1 + out), bb);
    asm.keypoint("bumper_back_left", new Vec3(-bw, (bh0 + bh1) / 2, z1 + out), bb);

    // Lights on the front and rear faces, above the bumpers.
    double lh = Palette.uniform(r, 0.06, 0.12);
    double ly1 = stations[0][3] - 0.03;
    double ly0 = Math.max(bh1 + 0.01, ly1 - lh);
    double lx0 = hw * Palette.uniform(r, 0.45, 0.6);
    double lx1 = hw * Palette.uniform(r, 0.78, 0.86);
    PartAssembly.Placed hl = asm.addMirrored("headlight_r", "headlight_l", head,
        Hexahedron.box(new Vec3(lx0, ly0, z0 - 0.015), new Vec3(lx1, ly1, z0 + 0.03)));
    asm.keypointPair("headlight_right", new Vec3((lx0 + lx1) / 2, (ly0 + ly1) / 2, z0 - 0.015), hl);
    double ty1 = stations[4][3] - 0.04;
    double ty0 = Math.max(bh1 + 0.01, ty1 - lh);
    double tx0 = hw * Palette.uniform(r, 0.5, 0.65);
    double tx1 = hw * 0.85;
    PartAssembly.Placed tl = asm.addMirrored("taillight_r", "taillight_l", tail,
        Hexahedron.box(new Vec3(tx0, ty0, z1 - 0.03), new Vec3(tx1, ty1, z1 + 0.015)));
    asm.keypointPair("taillight_right", new Vec3((tx0 + tx1) / 2, (ty0 + ty1) / 2, z1 + 0.015), tl);

    // Side mirrors at the cabin's front corners.
    if (mirrors) {
      double mz = zc0 + Palette.uniform(r, 0.1, 0.2);
      double my = yt + Palette.uniform(r, 0.04, 0.1);
      double mx1 = hw + Palette.uniform(r, 0.08, 0.15);
      PartAssembly.Placed mp = asm.addMirrored("mirror_r", "mirror_l", mirrorMat,
          Hexahedron.box(new Vec3(bx - 0.02, my, mz), new Vec3(mx1, my + 0.1, mz + 0.06)));
      asm.keypointPair("mirror_right", new Vec3(mx1, my + 0.05, mz + 0.03), mp);
    }
    String variant = type + "/" + (mirrors ? "mirrors" : "nomirrors");
    return asm.build(synset(), category(), ShapeGenerators.modelId(seed, category(), index), variant);
  }

  /** A chamfered rectangular section at z, x in [-hw, hw], y in [y0, y1], exactly symmetric. */
  private static Vec3[] section(double z, double hw, double y0, double y1) {
    double ch = Math.min(0.08, 0.25 * (y1 - y0));
    return new Vec3[] {
      new Vec3(hw, y0 + ch, z), new Vec3(hw, y1 - ch, z), new Vec3(hw - ch, y1, z),
      new Vec3(-(hw - ch), y1, z), new Vec3(-hw, y1 - ch, z), new Vec3(-hw, y0 + ch, z),
      new Vec3(-(hw - ch), y0, z), new Vec3(hw - ch, y0, z),
    };
  }
}
