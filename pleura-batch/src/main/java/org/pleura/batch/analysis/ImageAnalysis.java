package org.pleura.batch.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pleura.batch.input.InputFile;
import org.pleura.batch.rows.FindingRow;
import org.pleura.batch.rows.ImageResult;
import org.pleura.batch.rows.OutcomeStatus;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.image.RadiographReader;
import org.pleura.image.SourceFormat;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.FindingResult;
import org.pleura.results.pipeline.AnalysisOutcome;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.Reading;

/**
 * One file on an executor, read top to bottom in {@link #analyse}: read the bytes, recognise the format, compute the
 * key, skip the file when an earlier run has it, run the analyzer exactly as {@code pleura analyze} does (the image
 * is named by its file name), and turn the outcome into rows. Never throws for a bad file: an unreadable or corrupt
 * file is a {@code failed} row with its reason.
 *
 * @param spec       the analyzer to use (one per executor JVM)
 * @param pseudonyms the output folder's patient pseudonyms
 * @param artefacts  where to write the artefacts, or null for none
 * @param clock      the time stamped on each row
 */
public record ImageAnalysis(AnalyzerSpec spec, Pseudonyms pseudonyms, ArtefactWriter artefacts, Clock clock)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the file is, and its rows when it is new. */
    public FileVerdict analyse(InputFile input, Set<String> done) {
        String name = new Path(input.path()).getName();
        byte[] bytes;
        try {
            bytes = read(input.path());
        } catch (IOException e) {
            String key = "path:" + input.path();
            return done.contains(key) ? new FileVerdict.AlreadyDone(key)
                    : new FileVerdict.Done(failure(input, key, SourceFormat.UNKNOWN, Optional.empty(), e.getMessage(), false));
        }
        SourceFormat format = SourceFormat.sniff(bytes, bytes.length);
        if (format == SourceFormat.UNKNOWN && !input.named()) {
            return new FileVerdict.NotAnImage(input.path());
        }
        Optional<DicomObject> header = format == SourceFormat.DICOM ? header(bytes) : Optional.empty();
        String key = ImageKeys.of(bytes, header);
        if (done.contains(key)) {
            return new FileVerdict.AlreadyDone(key);
        }
        Analyzer analyzer = AnalyzerHolder.get(spec);
        AnalysisOutcome outcome = analyzer.analyze(bytes, name, name);
        return new FileVerdict.Done(rows(input, key, format, header, name, outcome));
    }

    private ImageResult rows(InputFile input, String key, SourceFormat format, Optional<DicomObject> header,
                             String name, AnalysisOutcome outcome) {
        if (outcome instanceof AnalysisOutcome.Failed f) {
            return failure(input, key, format, header, f.problem(), f.retryable());
        }
        if (outcome instanceof AnalysisOutcome.Refused r) {
            try {
                if (artefacts != null) {
                    artefacts.write("refused", name, key, r.artefacts());
                }
            } catch (IOException e) {
                return failure(input, key, format, header, e.getMessage(), true);
            }
            return result(input, key, format, header, OutcomeStatus.REFUSED, r.reason(), false, List.of(), List.of());
        }
        AnalysisOutcome.Analyzed a = (AnalysisOutcome.Analyzed) outcome;
        List<FindingRow> findings = new ArrayList<>();
        List<String> models = new ArrayList<>();
        for (Reading reading : a.readings()) {
            Analysis analysis = reading.analysis();
            String overlay = null;
            if (artefacts != null) {
                try {
                    overlay = artefacts.write(analysis.model().id(), name, key, reading.artefacts()).orElse(null);
                } catch (IOException e) {
                    return failure(input, key, format, header, e.getMessage(), true);
                }
            }
            models.add(analysis.model().id());
            if (analysis.abnormal() != null) {
                findings.add(row(analysis, analysis.abnormal(), overlay));
            }
            for (FindingResult f : analysis.results()) {
                findings.add(row(analysis, f, overlay));
            }
        }
        return result(input, key, format, header, OutcomeStatus.ANALYSED, null, false, models, findings);
    }

    private static FindingRow row(Analysis analysis, FindingResult f, String overlay) {
        return new FindingRow(analysis.model().id(), analysis.model().version(), f.finding().id(), f.score(),
                f.call().jsonName(), RegionsJson.of(f.regions()), overlay);
    }

    private ImageResult failure(InputFile input, String key, SourceFormat format, Optional<DicomObject> header,
                                String problem, boolean retryable) {
        return result(input, key, format, header, OutcomeStatus.FAILED, problem, retryable, List.of(), List.of());
    }

    private ImageResult result(InputFile input, String key, SourceFormat format, Optional<DicomObject> header,
                               OutcomeStatus status, String reason, boolean retryable, List<String> models,
                               List<FindingRow> findings) {
        String patient = header.flatMap(h -> h.optString(Tag.PatientID)).orElse(input.patientId());
        String date = header.flatMap(h -> h.optString(Tag.StudyDate)).orElse(input.studyDate());
        return new ImageResult(key, input.path(), format.name(), uid(header, Tag.StudyInstanceUID),
                uid(header, Tag.SeriesInstanceUID), uid(header, Tag.SOPInstanceUID), pseudonyms.of(patient),
                date == null || date.isBlank() ? null : date.strip(), status, reason, retryable, models,
                clock.instant(), findings);
    }

    private static String uid(Optional<DicomObject> header, Tag tag) {
        return header.flatMap(h -> h.optString(tag)).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** The DICOM header without pixel data, or empty when it cannot be read (the analyzer then says why). */
    private static Optional<DicomObject> header(byte[] bytes) {
        try {
            return Optional.of(DicomReader.read(bytes, ReadOptions.HEADER_ONLY).dataset());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The whole file, on any file system Hadoop reads, up to the analyzer's size limit. */
    private static byte[] read(String file) throws IOException {
        Path p = new Path(file);
        FileSystem fs = p.getFileSystem(HadoopConf.get());
        long size;
        try {
            size = fs.getFileStatus(p).getLen();
        } catch (java.io.FileNotFoundException e) {
            throw new IOException("no such file");
        }
        if (size > RadiographReader.MAX_FILE_BYTES) {
            throw new IOException("file is " + size + " bytes, larger than the limit of " + RadiographReader.MAX_FILE_BYTES);
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IOException("cannot read file (" + e.getMessage() + ")", e);
        }
    }
}
