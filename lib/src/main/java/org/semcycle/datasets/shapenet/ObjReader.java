package org.semcycle.datasets.shapenet;

import org.semcycle.geometry.Mesh;
import org.semcycle.io.DataRoot;

/**
 * Reads a Wavefront OBJ file as ShapeNetCore v2 writes it into a {@link Mesh}.
 *
 * <p>Supported: {@code v} (3 coordinates; extra values such as w or vertex colours are checked
 * to be numbers and ignored), {@code vt} (u [v [w]]), {@code vn}, faces with corners {@code v},
 * {@code v/vt}, {@code v//vn}, {@code v/vt/vn}, positive and negative (relative) indices,
 * {@code o} and {@code g} (both select the mesh group of following faces; a bare {@code g} is
 * the group "default"), {@code usemtl} and {@code mtllib}, comments, blank lines and CRLF line
 * endings. Other statements ({@code s}, {@code l}, {@code p}, ...) are ignored.
 *
 * <p>Polygons are fan-triangulated (corner 0 with each pair of following corners), so the face
 * index of the mesh counts triangles; for triangle-only files it equals the OBJ face index.
 * Positive indices may refer to vertices defined later in the file (the file is read in two
 * passes); a negative index counts back from the vertices defined so far. Normals are checked
 * for range and then dropped (the Mesh keeps none). Texture coordinates become per-corner UVs of
 * faces whose corners all name one.
 *
 * <p>Materials: {@code mtllib} files are resolved relative to the OBJ's folder and must stay
 * below the data-set root (else an error naming the OBJ line); a missing .mtl is a warning, and
 * a {@code usemtl} name the .mtl lacks becomes a material of that name with the default colour.
 *
 * <p>Degenerate faces (repeated corners, zero area) are kept so that face indices stay aligned
 * with the file (KeypointNet's {@code mesh_info.face_index} refers to them); find them with
 * {@code MeshOps.degenerateFaces}.
 *
 * <p>Errors ({@link org.semcycle.io.DataFormatException}, file + line + problem): a coordinate
 * that is not a plain decimal number, a NaN or infinite coordinate, a vertex with fewer than 3
 * coordinates, a face index 0 or out of range, an empty index ({@code f 1/}), a face with fewer
 * than 3 corners, a file with no faces, bytes that are not UTF-8. <b>Truncation:</b> a file cut
 * short leaves a last line without a newline; if that line does not parse, or one of its
 * tokens ends like a number cut short ({@code "0."}, {@code "1e-"}, {@code "1/"}), the error
 * says the file looks truncated. A cut exactly between whole statements cannot be told from a
 * complete file.
 */
public final class ObjReader {
  private ObjReader() {}

  /** Reads the OBJ at {@code relPath} below {@code root}, with its .mtl files. */
  public static Mesh read(DataRoot root, String relPath) {
    return new ObjParser(root, relPath).parse();
  }
}
