package org.pleura.dicom.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.pleura.dicom.TransferSyntax;

/** A store handler for tests: saves every object durably under a directory and remembers what it received. */
final class TestStore implements StoreHandler {

    /** What one call received. */
    record Received(String callingAe, String sopClass, String sopInstance, TransferSyntax transferSyntax, Path file,
                    long datasetSize) {
    }

    /** Lets a test make the handler fail or stall. */
    interface Behaviour {
        DimseStatus before(StoreRequest request) throws Exception;
    }

    private final Path dir;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Behaviour behaviour = r -> null;

    TestStore(Path dir) {
        this.dir = dir;
    }

    void behaviour(Behaviour b) {
        this.behaviour = b;
    }

    @Override
    public DimseStatus store(StoreRequest request) throws Exception {
        calls.incrementAndGet();
        DimseStatus early = behaviour.before(request);
        if (early != null) {
            return early;
        }
        Path target = dir.resolve(calls.get() + "-" + request.sopInstanceUid() + ".dcm");
        request.savePart10(target);
        received.add(new Received(request.association().callingAeTitle(), request.sopClassUid(),
                request.sopInstanceUid(), request.transferSyntax(), target, request.object().datasetSize()));
        return DimseStatus.SUCCESS;
    }

    List<Received> received() {
        return received;
    }

    int calls() {
        return calls.get();
    }

    Path dir() {
        return dir;
    }

    static TestStore in(Path dir) throws IOException {
        return new TestStore(Files.createDirectories(dir));
    }
}
