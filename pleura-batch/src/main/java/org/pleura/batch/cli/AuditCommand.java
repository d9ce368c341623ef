package org.pleura.batch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code pleura audit}: placeholder until the audit lands. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit batch results against report labels.")
public final class AuditCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("pleura audit: not yet available");
        return 2;
    }
}
