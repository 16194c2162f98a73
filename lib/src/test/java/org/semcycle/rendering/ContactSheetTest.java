package org.semcycle.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

class ContactSheetTest {

  @Test
  void composesTilesAndDrawsKeypointsFilledOrHollow() throws Exception {
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 2), 64, 64, 45);
    RenderOutput r = new Rasterizer(RenderSettings.DEFAULT.withLightDirection(new Vec3(0, 0, -1)))
        .render(PrimitiveMeshes.uvSphere(Vec3.ZERO, 0.4, 32, 16), cam, 1);
    List<ProjectedKeypoint> kps = KeypointProjector.of(r).projectAll(
        List.of(new Vec3(0, 0, 0.4), new Vec3(0.15, 0.15, -0.36)));
    ContactSheet sheet = new ContactSheet(3, 128, 128).addAllMaps("sphere", r).addKeypoints("kps", r, kps);
    assertEquals(5, sheet.size());
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(sheet.toPng()));
    int cw = 128 + 2;
    int ch = 128 + 14 + 2;
    assertEquals(3 * cw + 2, img.getWidth());
    assertEquals(2 * ch + 2, img.getHeight());
    // the keypoint tile is the fifth: row 1, column 1
    int ox = 2 + cw;
    int oy = 2 + ch;
    int visibleX = ox + (int) Math.round((kps.get(0).x() + 0.5) * 2);
    int visibleY = oy + (int) Math.round((kps.get(0).y() + 0.5) * 2);
    assertEquals(ContactSheet.keypointColour(0).getRGB() & 0xFFFFFF, img.getRGB(visibleX, visibleY) & 0xFFFFFF);
    int hiddenX = ox + (int) Math.round((kps.get(1).x() + 0.5) * 2);
    int hiddenY = oy + (int) Math.round((kps.get(1).y() + 0.5) * 2);
    // hollow: the centre keeps the render's colour
    assertNotEquals(ContactSheet.keypointColour(1).getRGB() & 0xFFFFFF, img.getRGB(hiddenX, hiddenY) & 0xFFFFFF);
    assertEquals(r.rgbAt((int) Math.round(kps.get(1).x()), (int) Math.round(kps.get(1).y())),
        img.getRGB(hiddenX, hiddenY) & 0xFFFFFF);
  }
}
