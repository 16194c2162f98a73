package org.semcycle.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Parameters stored in float16 (shipped models: half the bytes) and computed in float32. DJL
 * keeps a parameter's array as it was decoded and offers no public way to swap it, so a
 * parameter is re-loaded from its own serialised form with the array re-encoded in the wanted
 * type ({@link Parameter#load}), which leaves names, shapes and the block untouched.
 */
public final class HalfPrecision {
  private HalfPrecision() {}

  /** Every float32 parameter of the block as float16 (before saving a model for shipping). */
  public static void narrow(Block block, NDManager manager) {
    convert(block, manager, DataType.FLOAT32, DataType.FLOAT16);
  }

  /** Every float16 parameter of the block as float32 (after loading a shipped model). */
  public static void widen(Block block, NDManager manager) {
    convert(block, manager, DataType.FLOAT16, DataType.FLOAT32);
  }

  /** True when any parameter is float16. */
  public static boolean isHalf(Block block) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().isInitialized() && p.getValue().getArray().getDataType() == DataType.FLOAT16) {
        return true;
      }
    }
    return false;
  }

  private static void convert(Block block, NDManager manager, DataType from, DataType to) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (!param.isInitialized() || param.getArray().getDataType() != from) {
        continue;
      }
      try {
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        param.save(new DataOutputStream(saved));
        byte version = saved.toByteArray()[2]; // after the 2-byte magic char 'P'
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(again);
        out.writeChar('P');
        out.writeByte(version);
        out.writeUTF(param.getName());
        try (NDArray converted = param.getArray().toType(to, true)) {
          out.write(converted.encode());
        }
        out.flush();
        NDArray old = param.getArray();
        boolean grad = old.hasGradient();
        param.load(manager, new DataInputStream(new ByteArrayInputStream(again.toByteArray())));
        if (grad) {
          param.getArray().setRequiresGradient(true);
        }
        old.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot convert parameter " + param.getName() + " to " + to, e);
      } catch (MalformedModelException e) {
        throw new IllegalStateException("cannot convert parameter " + param.getName() + " to " + to, e);
      }
    }
  }
}
