package org.pleura.model.pkg;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code weights.bin} format: magic {@code PLWT}, format version, tensor count, then per tensor its name,
 * rank, dimensions, storage type (float16 or float32) and values, big-endian. Float16 halves the size of the
 * package; the loss (relative error below 1e-3) does not change the scores measurably.
 */
public final class WeightsFile {

    /** How values are stored. */
    public enum Storage {
        FLOAT16(2), FLOAT32(4);

        private final int bytes;

        Storage(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per value. */
        public int bytes() {
            return bytes;
        }
    }

    private static final int MAGIC = 0x504c5754; // "PLWT"
    private static final int VERSION = 1;

    private WeightsFile() {
    }

    /** Writes the tensors in order. */
    public static void write(OutputStream out, List<Tensor> tensors, Storage storage) throws IOException {
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeInt(tensors.size());
        for (Tensor t : tensors) {
            d.writeUTF(t.name());
            d.writeInt(t.shape().length);
            for (long dim : t.shape()) {
                d.writeLong(dim);
            }
            d.writeByte(storage.ordinal());
            for (float v : t.values()) {
                if (storage == Storage.FLOAT16) {
                    d.writeShort(Half.fromFloat(v));
                } else {
                    d.writeFloat(v);
                }
            }
        }
        d.flush();
    }

    /** Reads all tensors, by name in file order. */
    public static Map<String, Tensor> read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        try {
            if (d.readInt() != MAGIC) {
                throw new IOException("not a Pleura weights file (bad magic number)");
            }
            int version = d.readInt();
            if (version != VERSION) {
                throw new IOException("weights format version " + version + " is not supported (this Pleura reads " + VERSION + ")");
            }
            int count = d.readInt();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = d.readUTF();
                int rank = d.readInt();
                if (rank < 0 || rank > 8) {
                    throw new IOException("tensor " + name + " has an invalid rank " + rank);
                }
                long[] shape = new long[rank];
                long n = 1;
                for (int k = 0; k < rank; k++) {
                    shape[k] = d.readLong();
                    n *= shape[k];
                }
                if (n < 0 || n > Integer.MAX_VALUE) {
                    throw new IOException("tensor " + name + " is too large");
                }
                int type = d.readByte();
                if (type < 0 || type >= Storage.values().length) {
                    throw new IOException("tensor " + name + " has an unknown storage type " + type);
                }
                float[] values = new float[(int) n];
                boolean half = Storage.values()[type] == Storage.FLOAT16;
                for (int k = 0; k < values.length; k++) {
                    values[k] = half ? Half.toFloat(d.readShort()) : d.readFloat();
                }
                tensors.put(name, new Tensor(name, shape, values));
            }
            return tensors;
        } catch (EOFException e) {
            throw new IOException("weights file is truncated", e);
        }
    }
}
