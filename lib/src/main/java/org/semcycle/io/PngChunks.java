package org.semcycle.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The chunk layout of a PNG file held in memory (ISO 15948, section 5.3: length, type, data,
 * CRC), walked without decoding: every chunk must lie inside the file up to IEND, and the CRC of
 * each critical chunk (IHDR, PLTE, IDAT, IEND) must match, so that a truncated or bit-flipped file
 * is refused before the decoder (javax.imageio ignores CRCs) turns it into wrong pixels. An
 * ancillary chunk with a bad CRC is kept but marked, and its content is not trusted. Hand-written:
 * javax.imageio has no chunk-level API.
 */
final class PngChunks {
  private PngChunks() {}

  /**
   * One chunk.
   *
   * @param type the four-letter chunk type
   * @param dataOffset offset of the chunk's data in the file
   * @param length data length in bytes
   * @param crcMatches whether the stored CRC matches type and data
   */
  record Chunk(String type, int dataOffset, int length, boolean crcMatches) {}

  /** The chunks from the first after the signature to IEND, in file order. */
  static List<Chunk> walk(byte[] b, String source) {
    List<Chunk> chunks = new ArrayList<>();
    int pos = ImageHeader.PNG_SIGNATURE.length;
    while (true) {
      if (pos + 8 > b.length) {
        throw new DataFormatException(source, "truncated PNG (no IEND chunk)");
      }
      long length = ImageHeader.int32(b, pos) & 0xFFFFFFFFL;
      String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (!type.matches("[A-Za-z]{4}")) {
        throw new DataFormatException(source, "corrupt PNG: invalid chunk type at offset " + pos);
      }
      long end = pos + 8 + length + 4;
      if (end > b.length) {
        throw new DataFormatException(
            source, "truncated PNG (chunk '" + type + "' runs past the end of the file)");
      }
      CRC32 crc = new CRC32();
      crc.update(b, pos + 4, 4 + (int) length);
      boolean matches = (int) crc.getValue() == ImageHeader.int32(b, (int) end - 4);
      boolean critical = Character.isUpperCase(type.charAt(0));
      if (critical && !matches) {
        throw new DataFormatException(
            source, "corrupt PNG: CRC mismatch in chunk '" + type + "' at offset " + pos);
      }
      chunks.add(new Chunk(type, pos + 8, (int) length, matches));
      if (type.equals("IEND")) {
        return chunks;
      }
      pos = (int) end;
    }
  }
}
