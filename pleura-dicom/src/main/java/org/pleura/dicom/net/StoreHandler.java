package org.pleura.dicom.net;

/**
 * What the DICOM server does with each object received by C-STORE. The C-STORE response is sent only after this
 * returns, with the returned status: return {@link DimseStatus#SUCCESS} only once the object is durably stored.
 *
 * <pre>{@code
 * StoreHandler handler = request -> {
 *     Path target = inbox.resolve(request.sopInstanceUid() + ".dcm");
 *     request.savePart10(target);               // written, forced to disk, renamed atomically
 *     database.recordReceived(request, target);  // committed
 *     return DimseStatus.SUCCESS;
 * };
 * }</pre>
 *
 * <p>Called on the association's thread, one object at a time per association, concurrently for different
 * associations. Exceptions never reach the listener: an {@link java.io.IOException} (e.g. disk full) becomes
 * status 0xA700 (out of resources), a {@link org.pleura.dicom.DicomException} (unreadable data set) 0xC000
 * (cannot understand), anything else 0xC000 too; the error comment names the problem and the association stays
 * usable. Returning {@code null} counts as 0xC000.
 */
@FunctionalInterface
public interface StoreHandler {

    /**
     * Stores one object.
     *
     * @return the status for the C-STORE response; a failure status means the sender must not consider the object
     *         stored
     */
    DimseStatus store(StoreRequest request) throws Exception;
}
