package org.pleura.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.server.db.Database;
import org.pleura.server.db.DatabaseException;
import org.pleura.server.metrics.Metrics;
import org.pleura.server.queue.Backlog;
import org.pleura.server.queue.JobKind;
import org.pleura.server.queue.JobQueue;

/**
 * The one way objects enter Pleura, whatever the channel. For each object:
 * <ol>
 *   <li>admission: the disk keeps its free-space floor and the analysis queue is not full;</li>
 *   <li>the header is read (not the pixels) and the identifiers checked;</li>
 *   <li>under a lock on its SOP Instance UID: if that UID is stored already, the first copy is kept and nothing
 *       else happens ({@link IngestOutcome.AlreadyStored}: no second file, no second job);</li>
 *   <li>the file is written durably at {@code instances/..../UID.dcm};</li>
 *   <li>patient, study, series, instance and the analysis job are recorded in one transaction.</li>
 * </ol>
 * Only then is the outcome returned, and only then does the channel tell the sender the object is stored. A crash
 * between 4 and 5 leaves a file without a record: the sender was not told, sends again, and the file is replaced.
 */
public final class Ingest {

    /** Content type of DICOM objects. */
    public static final String DICOM = "application/dicom";

    private final DataDirectory dir;
    private final Database db;
    private final Backlog backlog;
    private final Runnable jobCreated;
    private final Metrics metrics;
    private final long maxObjectBytes;
    private final long minFreeDiskBytes;
    private final int maxQueued;
    private final java.util.function.LongSupplier clock;
    private final ReentrantLock[] locks = new ReentrantLock[256];

    /**
     * @param jobCreated called after an analysis job is committed (wakes the workers)
     */
    public Ingest(DataDirectory dir, Database db, Backlog backlog, Runnable jobCreated, Metrics metrics,
                  long maxObjectBytes, long minFreeDiskBytes, int maxQueued) {
        this(dir, db, backlog, jobCreated, metrics, maxObjectBytes, minFreeDiskBytes, maxQueued,
                System::currentTimeMillis);
    }

    /**
     * @param jobCreated called after an analysis job is committed (wakes the workers)
     * @param clock      epoch milliseconds: when an object was received (the worklist's waits start there)
     */
    public Ingest(DataDirectory dir, Database db, Backlog backlog, Runnable jobCreated, Metrics metrics,
                  long maxObjectBytes, long minFreeDiskBytes, int maxQueued, java.util.function.LongSupplier clock) {
        this.clock = clock;
        this.dir = dir;
        this.db = db;
        this.backlog = backlog;
        this.jobCreated = jobCreated;
        this.metrics = metrics;
        this.maxObjectBytes = maxObjectBytes;
        this.minFreeDiskBytes = minFreeDiskBytes;
        this.maxQueued = maxQueued;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The largest object accepted, in bytes. */
    public long maxObjectBytes() {
        return maxObjectBytes;
    }

    /** The data directory objects are stored in. */
    public DataDirectory dataDirectory() {
        return dir;
    }

    /**
     * Whether an object would be accepted now (checked before reading a body, and again when storing).
     *
     * @return empty when it would, the reason otherwise
     */
    public Optional<IngestOutcome.Unavailable> admission() {
        long free = dir.usableSpace();
        if (free < minFreeDiskBytes) {
            return Optional.of(new IngestOutcome.Unavailable(IngestOutcome.Cause.DISK_FULL, "the data disk has "
                    + (free >> 20) + " MiB free, below the " + (minFreeDiskBytes >> 20) + " MiB kept free"));
        }
        if (backlog.get() >= maxQueued) {
            return Optional.of(new IngestOutcome.Unavailable(IngestOutcome.Cause.QUEUE_FULL, backlog.get()
                    + " analyses are waiting (limit " + maxQueued + "); try again later"));
        }
        return Optional.empty();
    }

    /**
     * Stores a DICOM object (a Part 10 file).
     *
     * @param expectedSopUid the SOP Instance UID the channel announced (C-STORE command), or null
     */
    public IngestOutcome acceptDicom(IncomingObject object, Origin origin, String expectedSopUid) {
        try {
            IngestOutcome out = storeDicom(object, origin, expectedSopUid);
            count(origin, out);
            return out;
        } finally {
            object.discard();
        }
    }

    private IngestOutcome storeDicom(IncomingObject object, Origin origin, String expectedSopUid) {
        Optional<IngestOutcome.Unavailable> full = admission();
        if (full.isPresent()) {
            return full.get();
        }
        long size;
        DicomFile header;
        try {
            size = object.size();
            if (size > maxObjectBytes) {
                return tooLarge(size);
            }
            try (InputStream in = object.open()) {
                header = DicomReader.read(in, ReadOptions.HEADER_ONLY);
            }
        } catch (DicomException e) {
            return new IngestOutcome.Rejected(IngestOutcome.Reason.UNREADABLE, "not a readable DICOM object: "
                    + e.getMessage());
        } catch (IOException e) {
            return new IngestOutcome.Unavailable(IngestOutcome.Cause.STORAGE_ERROR, "cannot read the received object: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            return new IngestOutcome.Rejected(IngestOutcome.Reason.UNREADABLE, "not a readable DICOM object: " + e);
        }
        InstanceAttributes a = InstanceAttributes.of(header.dataset(), header.transferSyntax().uid());
        String problem = a.identifierProblem();
        if (problem != null) {
            return new IngestOutcome.Rejected(IngestOutcome.Reason.MISSING_IDENTIFIER, problem);
        }
        if (expectedSopUid != null && !expectedSopUid.strip().equals(a.sopUid())) {
            return new IngestOutcome.Rejected(IngestOutcome.Reason.MISMATCH, "the data set's SOP Instance UID "
                    + "differs from the one in the C-STORE command");
        }
        boolean image = a.rows() > 0 && a.columns() > 0;
        return store(object, a, size, DICOM, ".dcm", origin, image);
    }

    /**
     * Stores a PNG or JPEG picture. It gets name-based UIDs from a hash of its bytes, so uploading the same
     * picture twice stores it once.
     *
     * @param contentType {@code image/png} or {@code image/jpeg}
     */
    public IngestOutcome acceptPicture(IncomingObject object, String contentType, Origin origin) {
        try {
            IngestOutcome out = storePicture(object, contentType, origin);
            count(origin, out);
            return out;
        } finally {
            object.discard();
        }
    }

    private IngestOutcome storePicture(IncomingObject object, String contentType, Origin origin) {
        Optional<IngestOutcome.Unavailable> full = admission();
        if (full.isPresent()) {
            return full.get();
        }
        String ext = switch (contentType) {
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            default -> null;
        };
        if (ext == null) {
            return new IngestOutcome.Rejected(IngestOutcome.Reason.UNSUPPORTED_TYPE, "unsupported picture type "
                    + contentType + " (PNG and JPEG are)");
        }
        String hash;
        long size;
        try {
            size = object.size();
            if (size > maxObjectBytes) {
                return tooLarge(size);
            }
            hash = sha256(object);
        } catch (IOException e) {
            return new IngestOutcome.Unavailable(IngestOutcome.Cause.STORAGE_ERROR, "cannot read the upload: "
                    + e.getMessage());
        }
        InstanceAttributes a = new InstanceAttributes("", "", "", "", Uids.nameBased("picture-study:" + hash), "",
                "", "", "", "", "", Uids.nameBased("picture-series:" + hash), "OT", "", "", "", "",
                Uids.nameBased("picture:" + hash), "", "", 0, 0);
        return store(object, a, size, contentType, ext, origin, true);
    }

    private IngestOutcome store(IncomingObject object, InstanceAttributes a, long size, String contentType,
                                String ext, Origin origin, boolean analyse) {
        ReentrantLock lock = locks[Math.floorMod(a.sopUid().hashCode(), locks.length)];
        lock.lock();
        try {
            Optional<StoredInstance> existing = db.read(c -> DicomTree.find(c, a.sopUid()));
            if (existing.isPresent()) {
                return new IngestOutcome.AlreadyStored(existing.get());
            }
            String relative = DataDirectory.instancePath(a.sopUid(), ext);
            object.saveTo(dir.prepare(relative));
            long now = clock.getAsLong();
            StoredInstance stored = db.transactionRetrying(3, c -> {
                long pk = DicomTree.insert(c, a, relative, size, contentType, origin, null, now);
                long job = analyse ? JobQueue.enqueue(c, JobKind.ANALYZE, pk, "", now) : 0;
                return new StoredInstance(pk, a.sopUid(), a.seriesUid(), a.studyUid(), job);
            });
            if (analyse) {
                backlog.added();
                jobCreated.run();
            }
            return new IngestOutcome.Stored(stored);
        } catch (IOException e) {
            return new IngestOutcome.Unavailable(IngestOutcome.Cause.STORAGE_ERROR, "cannot write the object to the "
                    + "data directory: " + e.getMessage());
        } catch (DatabaseException e) {
            metrics.counter("pleura_errors_total", "Internal errors by place", "where", "ingest").increment();
            return new IngestOutcome.Unavailable(IngestOutcome.Cause.STORAGE_ERROR, "cannot record the object in the "
                    + "database: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private IngestOutcome tooLarge(long size) {
        return new IngestOutcome.Rejected(IngestOutcome.Reason.TOO_LARGE, "object of " + size
                + " bytes is larger than the maximum of " + maxObjectBytes + " bytes");
    }

    private static String sha256(IncomingObject object) throws IOException {
        try (InputStream in = new DigestInputStream(object.open(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void count(Origin origin, IngestOutcome out) {
        String outcome = out instanceof IngestOutcome.Stored ? "stored"
                : out instanceof IngestOutcome.AlreadyStored ? "duplicate"
                : out instanceof IngestOutcome.Rejected ? "rejected" : "unavailable";
        metrics.counter("pleura_received_total", "Objects received, by channel and outcome", "channel",
                origin.channel().dbValue(), "outcome", outcome).increment();
    }

    /** For channels that already hold a file path. */
    public static IncomingObject file(Path temp) {
        return IncomingObject.ofTempFile(temp);
    }
}
