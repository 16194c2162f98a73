package org.semcycle.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.Seeds;

/**
 * Procedural airplanes: a lofted fuselage (nose cone to an upswept tail cone), wings
 * ({@code straight}, {@code swept} or {@code delta}, low/mid/high), a vertical fin, horizontal
 * stabilisers ({@code conventional} or {@code T} tail; none on a delta: {@code tailless}) and
 * engines ({@code none}, {@code wing2}, {@code wing4} under the wings, or {@code rear2} on the
 * rear fuselage). Variant string: {@code wing/engines/tail}.
 */
public final class AirplaneGenerator implements ShapeGenerator {
  /** Keypoint names this generator places. */
  public static final List<String> KEYPOINTS = List.of(
      "nose", "tail", "wing_tip_front_right", "wing_tip_front_left", "wing_tip_back_right",
      "wing_tip_back_left", "wing_root_front_right", "wing_root_front_left",
      "wing_root_back_right", "wing_root_back_left", "stabilizer_tip_right",
      "stabilizer_tip_left", "fin_top", "fin_root_front", "engine_inner_front_right",
      "engine_inner_front_left", "engine_outer_front_right", "engine_outer_front_left");

  private static final int RING = 14;

  private final KeypointVocabulary.Category vocabulary;

  public AirplaneGenerator(KeypointVocabulary.Category vocabulary) {
    for (String k : KEYPOINTS) {
      vocabulary.id(k);
    }
    this.vocabulary = vocabulary;
  }

  @Override
  public String category() {
    return "airplane";
  }

  @Override
  public String synset() {
    return vocabulary.synset();
  }

  @Override
  public SynthModel generate(long seed, int index) {
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, "airplane", index, "shape"));
    PartAssembly asm = new PartAssembly(vocabulary);
    double u = r.nextDouble();
    String wing = u < 0.35 ? "straight" : u < 0.8 ? "swept" : "delta";
    String engines;
    String tailType;
    if (wing.equals("delta")) {
      engines = r.nextBoolean() ? "none" : "rear2";
      tailType = "tailless";
    } else {
      double e = r.nextDouble();
      if (wing.equals("straight")) {
        engines = e < 0.5 ? "none" : e < 0.85 ? "wing2" : "rear2";
      } else {
        engines = e < 0.15 ? "none" : e < 0.6 ? "wing2" : e < 0.8 ? "wing4" : "rear2";
      }
      tailType = engines.equals("rear2") || r.nextDouble() < 0.25 ? "T" : "conventional";
    }

    Material hull = r.nextDouble() < 0.6
        ? Palette.grey("fuselage", Palette.uniform(r, 0.7, 0.95))
        : Palette.random("fuselage", r, 0.1, 0.6, 0.4, 0.95);
    Material wingMat = r.nextBoolean() ? hull : Palette.grey("wing", Palette.uniform(r, 0.5, 0.85));
    Material tailMat = r.nextBoolean() ? hull : Palette.random("tail", r, 0.4, 0.9, 0.3, 0.9);
    Material engineMat = Palette.grey("engine", Palette.uniform(r, 0.3, 0.75));

    // Fuselage: length lf, radius rf, nose at -Z, tail cone rising to the tail apex.
    double lf = Palette.uniform(r, 0.8, 1.35);
    double rf = lf * Palette.uniform(r, 0.04, 0.065);
    double zn = -lf / 2;
    double zt = lf / 2;
    double noseLen = lf * Palette.uniform(r, 0.08, 0.16);
    double tailLen = lf * Palette.uniform(r, 0.22, 0.32);
    double tailRise = rf * Palette.uniform(r, 0.3, 0.7);
    double[][] profile = {
      // z, centre y, radius x, radius y
      {zn + noseLen * 0.25, -0.15 * rf, 0.5 * rf, 0.45 * rf},
      {zn + noseLen * 0.6, -0.05 * rf, 0.85 * rf, 0.82 * rf},
      {zn + noseLen, 0, rf, rf},
      {zt - tailLen, 0, rf, rf},
      {zt - tailLen * 0.45, tailRise * 0.5, 0.65 * rf, 0.7 * rf},
      {zt - tailLen * 0.08, tailRise, 0.25 * rf, 0.3 * rf},
    };
    List<Vec3[]> rings = new ArrayList<>();
    for (double[] p : profile) {
      rings.add(Loft.ellipse(new Vec3(0, p[1], p[0]), Vec3.X, Vec3.Y, p[2], p[3], RING));
    }
    Vec3 nose = new Vec3(0, -0.2 * rf, zn);
    Vec3 tailApex = new Vec3(0, tailRise * 1.05, zt);
    PartAssembly.Placed fus = asm.add("fuselage", hull, Loft.of(rings, nose, tailApex));
    asm.keypoint("nose", nose, fus);
    asm.keypoint("tail", tailApex, fus);

    // Wings.
    double b;
    double cr;
    double taper;
    double sweep;
    double dihedral;
    double zw;
    switch (wing) {
      case "straight" -> {
        b = lf * Palette.uniform(r, 0.5, 0.7);
        cr = lf * Palette.uniform(r, 0.14, 0.2);
        taper = Palette.uniform(r, 0.55, 1.0);
        sweep = Palette.uniform(r, 0, 5);
        dihedral = Palette.uniform(r, 0, 4);
        zw = -lf * Palette.uniform(r, 0.12, 0.02);
      }
      case "swept" -> {
        b = lf * Palette.uniform(r, 0.42, 0.6);
        cr = lf * Palette.uniform(r, 0.17, 0.26);
        taper = Palette.uniform(r, 0.22, 0.4);
        sweep = Palette.uniform(r, 24, 38);
        dihedral = Palette.uniform(r, 2, 7);
        zw = -lf * Palette.uniform(r, 0.15, 0.05);
      }
      default -> {
        b = lf * Palette.uniform(r, 0.28, 0.4);
        cr = lf * Palette.uniform(r, 0.42, 0.55);
        taper = Palette.uniform(r, 0.06, 0.14);
        sweep = Math.toDegrees(Math.atan2(cr * (1 - taper) * Palette.uniform(r, 0.85, 1.0), b));
        dihedral = Palette.uniform(r, -2, 2);
        zw = zt - tailLen * 0.3 - cr;
      }
    }
    double yw = rf * (wing.equals("delta") ? Palette.uniform(r, -0.4, 0.0) : Palette.uniform(r, -0.55, 0.55));
    double xr = rf * 0.3;
    double ct = cr * taper;
    Vec3 rootLe = new Vec3(xr, yw, zw);
    Vec3 tipLe = new Vec3(b, yw + (b - xr) * Math.tan(Math.toRadians(dihedral)),
        zw + (b - xr) * Math.tan(Math.toRadians(sweep)));
    double tRoot = cr * (wing.equals("delta") ? 0.06 : 0.13);
    PartAssembly.Placed wingR = asm.addMirrored("wing_r", "wing_l", wingMat,
        WingPart.panel(rootLe, cr, tRoot, tipLe, ct, ct * 0.1, Vec3.Z, Vec3.Y));
    asm.keypointPair("wing_tip_front_right", tipLe, wingR);
    asm.keypointPair("wing_tip_back_right", tipLe.plus(Vec3.Z.times(ct)), wingR);
    // Root keypoints where the leading / trailing edge leaves the fuselage.
    Vec3 rootTe = rootLe.plus(Vec3.Z.times(cr));
    Vec3 tipTe = tipLe.plus(Vec3.Z.times(ct));
    Vec3 jLe = lerp(rootLe, tipLe, exitFraction(profile, rootLe, tipLe));
    Vec3 jTe = lerp(rootTe, tipTe, exitFraction(profile, rootTe, tipTe));
    asm.keypointPair("wing_root_front_right", jLe, wingR);
    asm.keypointPair("wing_root_back_right", jTe, wingR);

    // Vertical fin.
    double finH = rf * Palette.uniform(r, 2.0, 3.6) * (wing.equals("delta") ? 1.2 : 1.0);
    double finCr = tailLen * Palette.uniform(r, 0.7, 1.0);
    double finTaper = Palette.uniform(r, 0.35, 0.7);
    double finSweep = Math.toRadians(Palette.uniform(r, 25, 50));
    double finZ = zt - finCr - tailLen * 0.05;
    double finY = tailRise * 0.3;
    // Keep the fin's trailing edge ahead of the tail apex where it passes the apex height.
    double frac = (tailApex.y() - finY) / finH;
    double teAtApex = finZ + finCr + frac * (finH * Math.tan(finSweep) + finCr * (finTaper - 1));
    finZ -= Math.max(0, teAtApex - (zt - 0.03 * tailLen));
    Vec3 finRoot = new Vec3(0, finY, finZ);
    Vec3 finTip = new Vec3(0, finY + finH, finZ + finH * Math.tan(finSweep));
    double finCt = finCr * finTaper;
    PartAssembly.Placed fin = asm.add("fin", tailMat,
        WingPart.panel(finRoot, finCr, finCr * 0.1, finTip, finCt, finCt * 0.1, Vec3.Z, Vec3.X));
    asm.keypoint("fin_top", finTip, fin);
    double surfaceY = fuselageTopAt(profile, finZ);
    double ff = Math.max(0, Math.min(1, (surfaceY - finY) / finH));
    asm.keypoint("fin_root_front", lerp(finRoot, finTip, ff), fin);

    // Horizontal stabilisers.
    if (!tailType.equals("tailless")) {
      double bs = b * Palette.uniform(r, 0.28, 0.4);
      double cs = finCr * Palette.uniform(r, 0.55, 0.8);
      double ss = Math.toRadians(Palette.uniform(r, 10, 35));
      Vec3 sRoot;
      if (tailType.equals("T")) {
        sRoot = new Vec3(finCt * 0.02, finTip.y() - finCt * 0.05, finTip.z() + finCt * 0.05);
        cs = Math.min(cs, finCt * 1.2);
      } else {
        sRoot = new Vec3(rf * 0.1, tailRise * 0.5, zt - cs - tailLen * 0.1);
      }
      Vec3 sTip = new Vec3(bs, sRoot.y() + bs * 0.05, sRoot.z() + (bs - sRoot.x()) * Math.tan(ss));
      PartAssembly.Placed stab = asm.addMirrored("stabilizer_r", "stabilizer_l", tailMat,
          WingPart.panel(sRoot, cs, cs * 0.1, sTip, cs * 0.5, cs * 0.05, Vec3.Z, Vec3.Y));
      asm.keypointPair("stabilizer_tip_right", sTip, stab);
    }

    // Engines.
    double re = rf * Palette.uniform(r, 0.35, 0.55) * (engines.equals("wing4") ? 0.85 : 1.0);
    double le = re * Palette.uniform(r, 3.5, 5.0);
    switch (engines) {
      case "wing2" -> underWing(asm, engineMat, "engine_r", "engine_l", "engine_inner_front_right",
          Palette.uniform(r, 0.3, 0.42), rootLe, tipLe, cr, ct, re, le, rf);
      case "wing4" -> {
        underWing(asm, engineMat, "engine_r", "engine_l", "engine_inner_front_right",
            Palette.uniform(r, 0.26, 0.34), rootLe, tipLe, cr, ct, re, le, rf);
        underWing(asm, engineMat, "engine_outer_r", "engine_outer_l", "engine_outer_front_right",
            Palette.uniform(r, 0.55, 0.68), rootLe, tipLe, cr, ct, re, le, rf);
      }
      case "rear2" -> {
        double x = rf * 0.8 + re * 1.3;
        double z = zt - tailLen - le * Palette.uniform(r, 0.2, 0.6);
        boolean delta = wing.equals("delta");
        if (!delta) {
          z = Math.max(z, jTe.z() + 0.02 * lf); // behind the wing root
        }
        z = Math.min(z, zt - le - 0.02 * lf);
        // On a delta the engines ride on top of the wing.
        double y = delta ? yw + tRoot * 0.5 + re * 1.1 : rf * 0.25;
        Vec3 front = new Vec3(x, y, z);
        PartAssembly.Placed eng = asm.addMirrored("engine_r", "engine_l", engineMat,
            Loft.tube(front, front.plus(Vec3.Z.times(le)), re, re * 0.8, 14));
        asm.addMirrored("engine_r", "engine_l", engineMat, Hexahedron.beam(
            new Vec3(rf * 0.4, y, z + le * 0.5), new Vec3(x, y, z + le * 0.5), re * 0.3, le * 0.4, Vec3.Z));
        asm.keypointPair("engine_inner_front_right", front, eng);
      }
      default -> { }
    }
    String variant = wing + "/" + engines + "/" + tailType;
    return asm.build(synset(), category(), ShapeGenerators.modelId(seed, category(), index), variant);
  }

  private static void underWing(PartAssembly asm, Material m, String rightGroup, String leftGroup,
      String keypoint, double span, Vec3 rootLe, Vec3 tipLe, double cr, double ct,
      double re, double le, double rf) {
    double xr = rootLe.x();
    double b = tipLe.x();
    double x = Math.max(rf + re * 1.6, xr + (b - xr) * span);
    double f = (x - xr) / (b - xr);
    Vec3 le0 = lerp(rootLe, tipLe, f);
    double c = cr + (ct - cr) * f;
    double y = le0.y() - re * 1.35;
    double z = le0.z() - le * 0.45;
    Vec3 front = new Vec3(x, y, z);
    PartAssembly.Placed eng = asm.addMirrored(rightGroup, leftGroup, m,
        Loft.tube(front, front.plus(Vec3.Z.times(le)), re, re * 0.8, 14));
    double zp = Math.min(z + le * 0.6, le0.z() + c * 0.4);
    asm.addMirrored(rightGroup, leftGroup, m, Hexahedron.beam(
        new Vec3(x, y + re * 0.5, zp), new Vec3(x, le0.y() + 0.001, zp), re * 0.3, le * 0.45, Vec3.Z));
    asm.keypointPair(keypoint, front, eng);
  }

  private static Vec3 lerp(Vec3 a, Vec3 b, double t) {
    return a.plus(b.minus(a).times(t));
  }

  /**
   * Smallest fraction t (steps of 1/200) along a -> b where the point is outside the fuselage's
   * elliptic section with a 3% margin.
   */
  private static double exitFraction(double[][] profile, Vec3 a, Vec3 b) {
    for (int i = 0; i <= 200; i++) {
      double t = i / 200.0;
      Vec3 p = lerp(a, b, t);
      double[] s = sectionAt(profile, p.z());
      double ex = p.x() / (s[2] * 1.03);
      double ey = (p.y() - s[1]) / (s[3] * 1.03);
      if (ex * ex + ey * ey > 1) {
        return t;
      }
    }
    return 1;
  }

  /** Fuselage section (z, centre y, radius x, radius y) at z, linear between stations. */
  private static double[] sectionAt(double[][] profile, double z) {
    if (z <= profile[0][0]) {
      return profile[0];
    }
    for (int i = 0; i + 1 < profile.length; i++) {
      if (z <= profile[i + 1][0]) {
        double t = (z - profile[i][0]) / (profile[i + 1][0] - profile[i][0]);
        double[] s = new double[4];
        for (int k = 0; k < 4; k++) {
          s[k] = profile[i][k] + t * (profile[i + 1][k] - profile[i][k]);
        }
        return s;
      }
    }
    return profile[profile.length - 1];
  }

  /** Top of the fuselage (centre y + y radius) at z, linear between profile stations. */
  private static double fuselageTopAt(double[][] profile, double z) {
    for (int i = 0; i + 1 < profile.length; i++) {
      if (z >= profile[i][0] && z <= profile[i + 1][0]) {
        double t = (z - profile[i][0]) / (profile[i + 1][0] - profile[i][0]);
        double top0 = profile[i][1] + profile[i][3];
        double top1 = profile[i + 1][1] + profile[i + 1][3];
        return top0 + t * (top1 - top0);
      }
    }
    double[] last = profile[profile.length - 1];
    return last[1] + last[3];
  }
}
