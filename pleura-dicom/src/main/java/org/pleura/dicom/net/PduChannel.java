package org.pleura.dicom.net;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.pleura.dicom.net.pdu.Abort;
import org.pleura.dicom.net.pdu.Pdu;
import org.pleura.dicom.net.pdu.PduCodec;
import org.pleura.dicom.net.pdu.PduFormatException;

/**
 * A TCP connection carrying PDUs, with a deadline on every read and every write: reading the first byte of the
 * next PDU may wait up to one timeout (idle, ARTIM, response), the rest of the PDU must arrive within another (so
 * a peer trickling bytes cannot hold the thread); a write that the peer does not read closes the socket.
 * Declared PDU lengths are checked before anything is allocated. Writes are serialised, so another thread may
 * send an A-ABORT while the owner reads.
 */
final class PduChannel implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String peer;
    private final long writeTimeoutMillis;
    private final Object writeLock = new Object();
    private final byte[] header = new byte[PduCodec.HEADER_LENGTH];
    private long maxPDataLength;
    private byte[] readBuffer = new byte[0];
    private byte[] sendBuffer = new byte[0];

    /**
     * @param peer               how to name the peer in messages, e.g. "STORESCU@127.0.0.1:50123"
     * @param maxPDataLength     the largest P-DATA-TF variable field accepted (the maximum PDU length announced)
     * @param writeTimeoutMillis how long one PDU write may block
     */
    PduChannel(Socket socket, String peer, long maxPDataLength, long writeTimeoutMillis) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = socket.getOutputStream();
        this.peer = peer;
        this.maxPDataLength = maxPDataLength;
        this.writeTimeoutMillis = writeTimeoutMillis;
    }

    String peer() {
        return peer;
    }

    Socket socket() {
        return socket;
    }

    /** Changes the largest P-DATA-TF accepted (0 for no limit other than 2 GiB), once negotiated. */
    void maxPDataLength(long max) {
        this.maxPDataLength = max <= 0 ? Integer.MAX_VALUE - 64 : Math.min(max, Integer.MAX_VALUE - 64);
    }

    /**
     * Reads the next PDU.
     *
     * @param firstByteMillis how long to wait for the PDU to start
     * @param restMillis      how long the whole PDU may then take to arrive
     * @param waitingFor      what is awaited, for the timeout message (e.g. "A-ASSOCIATE-AC")
     * @throws DicomTimeoutException        when a deadline passes
     * @throws AssociationAbortedException  when the peer closes the connection
     * @throws PduFormatException           when the bytes are not a valid PDU
     */
    Pdu read(long firstByteMillis, long restMillis, String waitingFor) throws IOException {
        int first;
        try {
            socket.setSoTimeout(toTimeout(firstByteMillis));
            first = in.read();
        } catch (SocketTimeoutException e) {
            throw new DicomTimeoutException("no " + waitingFor + " from " + peer + " within " + seconds(firstByteMillis));
        }
        if (first < 0) {
            throw new AssociationAbortedException(peer + " closed the connection without releasing the association");
        }
        long deadline = System.nanoTime() + restMillis * 1_000_000L;
        header[0] = (byte) first;
        readFully(header, 1, PduCodec.HEADER_LENGTH - 1, deadline, restMillis);
        int type = header[0] & 0xFF;
        long length = ((long) (header[2] & 0xFF) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
                | (header[5] & 0xFF);
        PduCodec.checkLength(type, length, maxPDataLength);
        byte[] body;
        if (type == 4) {
            if (readBuffer.length < length) {
                readBuffer = new byte[(int) length];
            }
            body = readBuffer;
        } else {
            body = new byte[(int) length];
        }
        readFully(body, 0, (int) length, deadline, restMillis);
        return PduCodec.decode(type, body, 0, (int) length);
    }

    private void readFully(byte[] b, int off, int len, long deadline, long restMillis) throws IOException {
        int done = 0;
        while (done < len) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new DicomTimeoutException(peer + " sent an incomplete PDU (" + done + " of " + len
                        + " bytes within " + seconds(restMillis) + ")");
            }
            int n;
            try {
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                n = in.read(b, off + done, len - done);
            } catch (SocketTimeoutException e) {
                continue; // the loop reports the deadline
            }
            if (n < 0) {
                throw new AssociationAbortedException(peer + " closed the connection in the middle of a PDU");
            }
            done += n;
        }
    }

    /** Sends one PDU. */
    void write(Pdu pdu) throws IOException {
        byte[] bytes = PduCodec.encode(pdu);
        synchronized (writeLock) {
            writeGuarded(bytes, bytes.length);
        }
    }

    /**
     * A buffer to fill with P-DATA fragment bytes at offset {@link PduCodec#PDATA_OVERHEAD}, then send with {@link
     * #sendPData}. Only the owning thread may use it.
     */
    byte[] pdataBuffer(int maxFragment) {
        int size = PduCodec.PDATA_OVERHEAD + maxFragment;
        if (sendBuffer.length < size) {
            sendBuffer = new byte[size];
        }
        return sendBuffer;
    }

    /** Sends a P-DATA-TF with one PDV whose {@code length} data bytes are already in {@link #pdataBuffer}. */
    void sendPData(int contextId, boolean command, boolean last, int length) throws IOException {
        PduCodec.writePDataHeader(sendBuffer, contextId, command, last, length);
        synchronized (writeLock) {
            writeGuarded(sendBuffer, PduCodec.PDATA_OVERHEAD + length);
        }
    }

    private void writeGuarded(byte[] b, int len) throws IOException {
        Watchdog.Armed dog = Watchdog.arm(socket, writeTimeoutMillis);
        try {
            out.write(b, 0, len);
            out.flush();
        } catch (IOException e) {
            if (dog.disarm()) {
                throw new DicomTimeoutException(peer + " did not read what was sent within "
                        + seconds(writeTimeoutMillis));
            }
            throw new AssociationAbortedException("connection to " + peer + " lost while sending: " + e.getMessage(), e);
        }
        if (dog.disarm()) {
            throw new DicomTimeoutException(peer + " did not read what was sent within " + seconds(writeTimeoutMillis));
        }
    }

    /** Sends an A-ABORT (best effort, never blocking long) and closes the connection. */
    void abort(Abort abort) {
        try {
            if (!socket.isClosed()) {
                write(abort);
            }
        } catch (IOException | RuntimeException ignored) {
            // the connection is going away anyway
        } finally {
            closeQuietly();
        }
    }

    /**
     * Closes after the last PDU was sent: stops sending, waits up to {@code artimMillis} for the peer to close its
     * side (reading and discarding whatever still arrives), then closes. This lets the peer read an A-ASSOCIATE-RJ
     * or A-RELEASE-RP before the connection goes.
     */
    void closeGracefully(long artimMillis) {
        try {
            socket.shutdownOutput();
            long deadline = System.nanoTime() + artimMillis * 1_000_000L;
            byte[] sink = new byte[8192];
            long discarded = 0;
            while (discarded < (1 << 20)) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                int n = in.read(sink);
                if (n < 0) {
                    break;
                }
                discarded += n;
            }
        } catch (IOException ignored) {
            // timeout or reset: close anyway
        } finally {
            closeQuietly();
        }
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private static int toTimeout(long millis) {
        return (int) Math.max(1, Math.min(millis, Integer.MAX_VALUE));
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
    }

}
