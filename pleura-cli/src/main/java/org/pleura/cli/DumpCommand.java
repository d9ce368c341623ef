package org.pleura.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pleura.dicom.DicomDump;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pleura dump FILE}: the DICOM header, one element per line, like dcmtk's dcmdump. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print the DICOM attributes of FILE, one element per line (like dcmdump).")
public final class DumpCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DICOM file(s).")
    Path[] files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = 0;
        for (Path file : files) {
            String name = file.toString();
            try {
                if (!Files.isRegularFile(file)) {
                    throw new DicomException(Files.exists(file) ? "not a regular file" : "no such file");
                }
                DicomFile dicom = DicomReader.read(file, ReadOptions.DEFAULT);
                if (files.length > 1) {
                    out.println("# " + name);
                }
                out.print(DicomDump.format(dicom));
                out.flush();
            } catch (Exception e) {
                err.println("pleura dump: " + name + ": " + Messages.of(e));
                status = 1;
            }
        }
        return status;
    }
}
