package org.pleura.server.dimse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pleura.dicom.net.ClientConfig;
import org.pleura.dicom.net.DicomClient;
import org.pleura.dicom.net.DicomNetworkException;
import org.pleura.dicom.net.DicomNode;
import org.pleura.dicom.net.StoreOutcome;
import org.pleura.dicom.net.StoreSource;

/**
 * Sends result objects by C-STORE with Pleura's AE title, one association per call. Unreachable destinations,
 * rejected or broken associations and "out of resources" answers (0xA7xx) are worth retrying; any other failure
 * status, or an object that could not be sent at all, is a refusal.
 */
public final class CStoreSender implements ResultSender {

    private final DicomClient client;

    public CStoreSender(String callingAeTitle) {
        this(callingAeTitle, null);
    }

    /** @param tls the context for destinations written {@code AET@host:port?tls}, or null */
    public CStoreSender(String callingAeTitle, javax.net.ssl.SSLContext tls) {
        this.client = new DicomClient(ClientConfig.builder().callingAeTitle(callingAeTitle)
                .connectTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofMinutes(2)).tls(tls).build());
    }

    @Override
    public SendOutcome send(DicomNode destination, List<Path> files) {
        List<StoreOutcome> outcomes;
        try {
            outcomes = client.store(destination, files.stream().map(StoreSource::file).toList());
        } catch (DicomNetworkException e) {
            return new SendOutcome.Retry(destination + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new SendOutcome.Retry(destination + ": " + e);
        }
        for (StoreOutcome o : outcomes) {
            if (o instanceof StoreOutcome.Refused r) {
                if ((r.status().code() & 0xFF00) == 0xA700) {
                    return new SendOutcome.Retry(destination + " is out of resources: " + r.status());
                }
                return new SendOutcome.Rejected(destination + " refused " + o.source().describe() + ": " + r.status());
            }
            if (o instanceof StoreOutcome.NotSent n) {
                return new SendOutcome.Rejected(destination + ": " + n.reason());
            }
        }
        return new SendOutcome.Acknowledged();
    }
}
