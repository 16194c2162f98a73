package org.semcycle.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.Seeds;

/**
 * Procedural chairs. Topology: base {@code fourleg} (square or round legs, optional splay and
 * stretchers), {@code swivel5} (column and five spokes, optional casters), {@code pedestal4}
 * (a column standing on four diagonal legs), {@code sled} (a floor rail and two posts per side)
 * or {@code cantilever} (floor rail, front post and seat rail per side, back crossbar); with or
 * without arms; solid or slatted back (vertical or horizontal slats). Variant string:
 * {@code base/arms|noarms/solid|slatted}.
 *
 * <p>Keypoints carry KeypointNet's chair ids (conf/keypoints.conf): back top corners 0-1, seat
 * back corners 2-3 and front corners 4-5 on every chair; armrest ends 6-9; swivel spoke tips
 * 10-14, column top 15 (just under the seat) and column bottom 16 (the base's hub); feet or rail
 * ends 17-20 (front right, back right, back left, front left). A pedestal chair has 15-20 and
 * its four legs as a rotation group, as the few KeypointNet chairs of that build do. The base
 * mix, arm share and proportions are set so that, after normalisation, each id's mean position
 * and the frequency of each id set are close to KeypointNet's
 * (../shared/reference/KEYPOINTNET-CHAIR.md; checked by ChairKeypointNetStatisticsTest).
 */
public final class ChairGenerator implements ShapeGenerator {
  /** Keypoint names this generator places. */
  public static final List<String> KEYPOINTS = List.of(
      "back_top_right", "back_top_left", "seat_back_right", "seat_back_left",
      "seat_front_right", "seat_front_left", "arm_front_right", "arm_back_right",
      "arm_front_left", "arm_back_left", "swivel_leg_0", "swivel_leg_1", "swivel_leg_2",
      "swivel_leg_3", "swivel_leg_4", "column_top", "column_bottom",
      "leg_front_right", "leg_back_right", "leg_back_left", "leg_front_left");

  static final String[] BASES = {"fourleg", "swivel5", "pedestal4", "sled", "cantilever"};
  /** Share of each base: KeypointNet has about 8% swivel chairs and 2% on a pedestal column. */
  static final double[] BASE_SHARES = {0.72, 0.09, 0.03, 0.08, 0.08};

  private final KeypointVocabulary.Category vocabulary;

  public ChairGenerator(KeypointVocabulary.Category vocabulary) {
    for (String k : KEYPOINTS) {
      vocabulary.id(k);
    }
    this.vocabulary = vocabulary;
  }

  @Override
  public String category() {
    return "chair";
  }

  @Override
  public String synset() {
    return vocabulary.synset();
  }

  @Override
  public SynthModel generate(long seed, int index) {
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, "chair", index, "shape"));
    PartAssembly asm = new PartAssembly(vocabulary);
    String base = pick(BASES, BASE_SHARES, r.nextDouble());
    boolean arms = r.nextDouble() < (base.equals("swivel5") ? 0.7 : 0.43);
    boolean slatted = r.nextDouble() < 0.4;

    Material cushion = Palette.random("seat", r, 0.2, 0.8, 0.25, 0.9);
    Material backMat = r.nextDouble() < 0.6 ? cushion : Palette.random("back", r, 0.2, 0.8, 0.25, 0.9);
    Material frame = r.nextDouble() < 0.5
        ? Palette.grey("frame", Palette.uniform(r, 0.1, 0.8))
        : Palette.random("frame", r, 0.3, 0.7, 0.2, 0.6);
    Material armMat = r.nextDouble() < 0.5 ? frame : Palette.random("arm", r, 0.2, 0.7, 0.2, 0.8);

    // Seat: top at height sh, front half-width hwF, back half-width hwB, depth sd (front -Z).
    double sh = Palette.uniform(r, 0.37, 0.47);
    double st = Palette.uniform(r, 0.025, 0.09);
    double sd = Palette.uniform(r, 0.40, 0.55);
    double hwF = Palette.uniform(r, 0.20, 0.28);
    double hwB = hwF * Palette.uniform(r, 0.88, 1.0);
    Vec3[] sc = new Vec3[8];
    for (int n = 0; n < 8; n++) {
      boolean back = (n & 4) != 0;
      double hw = back ? hwB : hwF;
      sc[n] = new Vec3((n & 1) == 0 ? -hw : hw, (n & 2) == 0 ? sh - st : sh, back ? sd / 2 : -sd / 2);
    }
    PartAssembly.Placed seat = asm.add("seat", cushion, Hexahedron.of(sc));
    asm.keypoint("seat_front_right", new Vec3(hwF, sh, -sd / 2), seat);
    asm.keypoint("seat_front_left", new Vec3(-hwF, sh, -sd / 2), seat);

    // Back: from the seat's back edge up to sh + bh, leaning back by tilt.
    double bh = Palette.uniform(r, 0.28, 0.56);
    double bt = Palette.uniform(r, 0.04, 0.12);
    // Seat back corners where the seat top meets the back's front face (visible, not inside).
    double zSeatBack = sd / 2 - bt;
    double hwSeatBack = hwF + (hwB - hwF) * (zSeatBack + sd / 2) / sd;
    asm.keypoint("seat_back_right", new Vec3(hwSeatBack, sh, zSeatBack), seat);
    asm.keypoint("seat_back_left", new Vec3(-hwSeatBack, sh, zSeatBack), seat);
    double tilt = Math.toRadians(Palette.uniform(r, 2, 20));
    double dz = bh * Math.tan(tilt);
    double hwTop = hwB * Palette.uniform(r, 0.8, 1.1);
    double y0 = sh - st;
    double y1 = sh + bh;
    double zf0 = sd / 2 - bt;
    // The back's top corners on its front face.
    Vec3 backTopRight = new Vec3(hwTop, y1, zf0 + dz);
    Vec3 backTopLeft = new Vec3(-hwTop, y1, zf0 + dz);
    if (!slatted) {
      PartAssembly.Placed back = asm.add("back", backMat,
          Hexahedron.taperedY(0, y0, hwB, zf0, sd / 2, y1, hwTop, zf0 + dz, sd / 2 + dz));
      asm.keypoint("back_top_right", backTopRight, back);
      asm.keypoint("back_top_left", backTopLeft, back);
    } else {
      double pw = Math.max(bt, Palette.uniform(r, 0.025, 0.045));
      double rh = Palette.uniform(r, 0.05, 0.12);
      double zc = sd / 2 - bt / 2;
      asm.addMirrored("back", "back", backMat, Hexahedron.beam(
          new Vec3(hwB - pw / 2, y0, zc), new Vec3(hwTop - pw / 2, y1 - rh / 2, zc + dz * (1 - rh / 2 / bh)),
          pw, bt, Vec3.Z));
      PartAssembly.Placed rail = asm.add("back", backMat,
          Hexahedron.taperedY(0, y1 - rh, hwTop, zf0 + dz * (1 - rh / bh), sd / 2 + dz * (1 - rh / bh),
              y1, hwTop, zf0 + dz, sd / 2 + dz));
      asm.keypoint("back_top_right", backTopRight, rail);
      asm.keypoint("back_top_left", backTopLeft, rail);
      double inner = Math.min(hwB, hwTop) - pw;
      if (r.nextBoolean()) {
        int k = 2 + r.nextInt(4);
        double sw = Math.min(Palette.uniform(r, 0.02, 0.05), 1.6 * inner / (k + 1));
        for (int j = 0; j < k; j++) {
          double x = -inner + (j + 1) * 2 * inner / (k + 1);
          boolean middle = k % 2 == 1 && j == k / 2;
          if (!middle && x < 0) {
            continue;
          }
          Solid slat = Hexahedron.beam(new Vec3(middle ? 0 : x, sh, zc),
              new Vec3(middle ? 0 : x, y1 - rh * 0.9, zc + dz * (1 - rh / bh)), sw, bt * 0.7, Vec3.Z);
          if (middle) {
            asm.add("back", backMat, slat);
          } else {
            asm.addMirrored("back", "back", backMat, slat);
          }
        }
      } else {
        int k = 1 + r.nextInt(3);
        double sh2 = Palette.uniform(r, 0.03, 0.07);
        for (int j = 1; j <= k; j++) {
          double y = sh + (y1 - rh - sh) * j / (k + 1.0);
          double zz = zc + dz * (y - y0) / bh;
          asm.add("back", backMat, Hexahedron.box(
              new Vec3(-(inner + pw / 2), y - sh2 / 2, zz - bt * 0.35),
              new Vec3(inner + pw / 2, y + sh2 / 2, zz + bt * 0.35)));
        }
      }
    }

    // Arms: an armrest from behind the seat front to the back, on a front post.
    if (arms) {
      double aw = Palette.uniform(r, 0.035, 0.07);
      double at = Palette.uniform(r, 0.025, 0.05);
      double ya = sh + Palette.uniform(r, 0.11, 0.20);
      double xa = Math.max(hwF, hwB) + aw / 2 + Palette.uniform(r, 0.005, 0.04);
      double zFront = -sd / 2 + Palette.uniform(r, 0.0, 0.09);
      double zBack = zf0 + dz * (ya - y0) / bh + 0.005;
      PartAssembly.Placed armrest = asm.addMirrored("arm_r", "arm_l", armMat,
          Hexahedron.beam(new Vec3(xa, ya, zFront), new Vec3(xa, ya, zBack), aw, at, Vec3.Y));
      asm.addMirrored("arm_r", "arm_l", armMat, Hexahedron.beam(
          new Vec3(xa, sh - st, zFront + aw), new Vec3(xa, ya, zFront + aw), aw * 0.7, aw * 0.7, Vec3.Z));
      asm.keypoint("arm_front_right", new Vec3(xa, ya + at / 2, zFront), armrest);
      asm.mirrorKeypoint("arm_front_right", "arm_front_left");
      asm.keypoint("arm_back_right", new Vec3(xa, ya + at / 2, zBack), armrest);
      asm.mirrorKeypoint("arm_back_right", "arm_back_left");
    }

    switch (base) {
      case "fourleg" -> fourLegs(asm, r, frame, sh - st, hwF, hwB, sd);
      case "swivel5" -> swivel(asm, r, frame, sh - st, sd);
      case "pedestal4" -> pedestal(asm, r, frame, sh - st, Math.min(hwF, hwB), sd);
      case "sled" -> sled(asm, r, frame, sh - st, Math.min(hwF, hwB), sd);
      default -> cantilever(asm, r, frame, sh - st, Math.min(hwF, hwB), sd);
    }
    String variant = base + "/" + (arms ? "arms" : "noarms") + "/" + (slatted ? "slatted" : "solid");
    return asm.build(synset(), category(), ShapeGenerators.modelId(seed, category(), index), variant);
  }

  /** The entry of {@code names} whose cumulative share first exceeds u in [0, 1). */
  static String pick(String[] names, double[] shares, double u) {
    double sum = 0;
    for (int i = 0; i < names.length; i++) {
      sum += shares[i];
      if (u < sum) {
        return names[i];
      }
    }
    return names[names.length - 1];
  }

  private static void fourLegs(PartAssembly asm, SplittableRandom r, Material m,
      double top, double hwF, double hwB, double sd) {
    double lw = Palette.uniform(r, 0.025, 0.05);
    double inset = Palette.uniform(r, 0.0, 0.02);
    // Sideways and forward splay of every leg, and the backward rake of the back legs.
    double splay = r.nextDouble() < 0.7 ? Palette.uniform(r, 0.02, 0.07) : 0;
    double rake = r.nextDouble() < 0.25 ? Palette.uniform(r, 0.02, 0.08) : 0;
    boolean round = r.nextBoolean();
    List<PartAssembly.Placed> legs = new ArrayList<>();
    Vec3[] feet = new Vec3[2];
    for (int i = 0; i < 2; i++) {
      boolean front = i == 0;
      double hw = front ? hwF : hwB;
      double x = hw - lw / 2 - inset;
      double z = front ? -sd / 2 + lw / 2 + inset : sd / 2 - lw / 2 - inset;
      Vec3 a = new Vec3(x, top + 0.01, z);
      Vec3 foot = new Vec3(x + splay, 0, z + (front ? -splay : splay + rake));
      Solid leg = round ? Loft.tube(a, foot, lw / 2, lw * 0.4, 10) : Hexahedron.beam(a, foot, lw, lw, Vec3.Z);
      legs.add(asm.addMirrored(front ? "leg_fr" : "leg_br", front ? "leg_fl" : "leg_bl", m, leg));
      feet[i] = foot;
    }
    asm.keypointPair("leg_front_right", feet[0], legs.get(0));
    asm.keypointPair("leg_back_right", feet[1], legs.get(1));
    if (r.nextDouble() < 0.35) {
      double y = Palette.uniform(r, 0.08, 0.2);
      double t = y / (top + 0.01);
      Vec3 f = feet[0].plus(new Vec3(-splay * t, y, splay * t));
      Vec3 b = feet[1].plus(new Vec3(-splay * t, y, -(splay + rake) * t));
      asm.addMirrored("stretcher", "stretcher", m, Hexahedron.beam(f, b, lw * 0.6, lw * 0.6, Vec3.Y));
    }
  }

  /**
   * A column from {@code bottom} up into the seat (underside at {@code top}) on the vertical
   * line x = 0, z = {@code zc}, its lower end inside the base's hub: column top 15 on its front
   * just under the seat, column bottom 16 on its front where it leaves the hub ({@code hubTop}).
   */
  private static void column(PartAssembly asm, Material m, double top, double bottom, double hubTop,
      double zc, double radius) {
    PartAssembly.Placed column = asm.add("column", m,
        Loft.tube(new Vec3(0, bottom, zc), new Vec3(0, top + 0.01, zc), radius, radius, 12));
    asm.keypoint("column_top", new Vec3(0, top - 0.004, zc - radius), column);
    asm.keypoint("column_bottom", new Vec3(0, hubTop + 0.005, zc - radius), column);
  }

  private static void swivel(PartAssembly asm, SplittableRandom r, Material m, double top, double sd) {
    double rs = Palette.uniform(r, 0.24, 0.33);
    double spokeW = Palette.uniform(r, 0.03, 0.05);
    double spokeH = Palette.uniform(r, 0.03, 0.05);
    boolean casters = r.nextDouble() < 0.85;
    double tipY = casters ? Palette.uniform(r, 0.07, 0.11) : spokeH / 2;
    double hubY = tipY + Palette.uniform(r, 0.0, 0.04);
    // The column stands at or a little behind the seat's centre.
    double zc = sd * Palette.uniform(r, 0.0, 0.12);
    column(asm, m, top, hubY - spokeH / 2 - 0.01, hubY + spokeH / 2, zc, Palette.uniform(r, 0.02, 0.035));
    Vec3 root = new Vec3(0, hubY, zc);
    for (int k = 0; k <= 2; k++) {
      // Spoke 0 points to the front; the spokes go round from the front toward the right.
      double th = Math.toRadians(72 * k);
      Vec3 tip = new Vec3(k == 0 ? 0 : rs * Math.sin(th), tipY, zc - rs * Math.cos(th));
      Solid spoke = Hexahedron.beam(root, tip, spokeW, spokeH, Vec3.Y);
      if (casters) {
        // A wheel on the floor under the spoke's end, on a stem up into the spoke.
        double wheel = 0.025;
        Vec3 c = new Vec3(tip.x(), wheel, tip.z()).plus(tip.minus(root).normalized().times(-0.02));
        spoke = Solid.union(spoke,
            Loft.tube(c.minus(new Vec3(0.015, 0, 0)), c.plus(new Vec3(0.015, 0, 0)), wheel, wheel, 10),
            Loft.tube(c.plus(new Vec3(0, wheel, 0)), new Vec3(c.x(), tipY, c.z()), 0.008, 0.008, 8));
      }
      // The tip keypoint: the top of the spoke's outer end.
      Vec3 tipTop = tip.plus(new Vec3(0, spokeH / 2, 0));
      String name = "swivel_leg_" + k;
      if (k == 0) {
        PartAssembly.Placed p = asm.add(name, m, spoke);
        asm.keypoint(name, tipTop, p);
      } else {
        String mirror = "swivel_leg_" + (5 - k);
        PartAssembly.Placed p = asm.addMirrored(name, mirror, m, spoke);
        asm.keypoint(name, tipTop, p);
        asm.mirrorKeypoint(name, mirror);
      }
    }
  }

  /**
   * A column on four legs running diagonally from its foot to the floor, square round the
   * column so that a quarter turn maps the legs onto each other (KeypointNet's rotation group
   * 17, 18, 19, 20).
   */
  private static void pedestal(PartAssembly asm, SplittableRandom r, Material m,
      double top, double hw, double sd) {
    double lw = Palette.uniform(r, 0.03, 0.05);
    double reach = hw * Palette.uniform(r, 0.75, 1.0);
    double hubY = Palette.uniform(r, 0.05, 0.12);
    double zc = sd * Palette.uniform(r, 0.0, 0.06);
    column(asm, m, top, hubY - lw / 2 - 0.01, hubY + lw / 2, zc, Palette.uniform(r, 0.025, 0.05));
    Vec3 hub = new Vec3(0, hubY, zc);
    PartAssembly.Placed[] legs = new PartAssembly.Placed[2];
    Vec3[] feet = new Vec3[2];
    for (int i = 0; i < 2; i++) {
      boolean front = i == 0;
      // The beam's lower edge touches the floor at the foot; the keypoint sits on that edge.
      feet[i] = new Vec3(reach, 0, zc + (front ? -reach : reach));
      Vec3 end = feet[i].plus(new Vec3(0, lw / 2, 0));
      legs[i] = asm.addMirrored(front ? "leg_fr" : "leg_br", front ? "leg_fl" : "leg_bl", m,
          Hexahedron.beam(hub, end, lw, lw, Vec3.Y));
    }
    asm.keypointPair("leg_front_right", feet[0], legs[0]);
    asm.keypointPair("leg_back_right", feet[1], legs[1]);
    asm.rotationGroup("leg_front_right", "leg_back_right", "leg_back_left", "leg_front_left");
  }

  private static void sled(PartAssembly asm, SplittableRandom r, Material m, double top, double hw, double sd) {
    double rr = Palette.uniform(r, 0.009, 0.018);
    double x = hw * Palette.uniform(r, 0.75, 0.95);
    double zf = -sd / 2 - Palette.uniform(r, 0.0, 0.06);
    double zb = sd / 2 + Palette.uniform(r, 0.0, 0.06);
    double y = top - rr;
    Vec3 footF = new Vec3(x, rr, zf);
    Vec3 footB = new Vec3(x, rr, zb);
    Solid rail = Loft.tube(footF, footB, rr, rr, 10);
    Solid posts = Solid.union(
        Loft.tube(new Vec3(x, rr, zf + 3 * rr), new Vec3(x, y, -sd / 2 + 0.03), rr, rr, 10),
        Loft.tube(new Vec3(x, rr, zb - 3 * rr), new Vec3(x, y, sd / 2 - 0.03), rr, rr, 10),
        Loft.tube(new Vec3(x, y, -sd / 2 + 0.03), new Vec3(x, y, sd / 2 - 0.03), rr, rr, 10));
    PartAssembly.Placed p = asm.addMirrored("sled_r", "sled_l", m, rail);
    asm.addMirrored("sled_r", "sled_l", m, posts);
    asm.keypointPair("leg_front_right", footF, p);
    asm.keypointPair("leg_back_right", footB, p);
  }

  private static void cantilever(PartAssembly asm, SplittableRandom r, Material m,
      double top, double hw, double sd) {
    double rr = Palette.uniform(r, 0.01, 0.02);
    double x = hw * Palette.uniform(r, 0.7, 0.95);
    double zf = -sd / 2 - Palette.uniform(r, 0.0, 0.05);
    double zb = sd / 2 * Palette.uniform(r, 0.5, 1.0);
    double y = top - rr;
    Vec3 footF = new Vec3(x, rr, zf);
    Vec3 footB = new Vec3(x, rr, zb);
    PartAssembly.Placed rail = asm.addMirrored("frame_r", "frame_l", m, Loft.tube(footF, footB, rr, rr, 10));
    asm.addMirrored("frame_r", "frame_l", m, Solid.union(
        Loft.tube(new Vec3(x, rr, zf + 3 * rr), new Vec3(x, y, -sd / 2 + 0.02 + 3 * rr), rr, rr, 10),
        Loft.tube(new Vec3(x, y, -sd / 2 + 0.02 + 3 * rr), new Vec3(x, y, sd / 2 - 0.04), rr, rr, 10)));
    asm.add("crossbar", m, Loft.tube(new Vec3(-x, rr, zb - 4 * rr), new Vec3(x, rr, zb - 4 * rr), rr, rr, 10));
    asm.keypointPair("leg_front_right", footF, rail);
    asm.keypointPair("leg_back_right", footB, rail);
  }
}
