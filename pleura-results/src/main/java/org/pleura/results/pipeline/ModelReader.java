package org.pleura.results.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pleura.model.Detector;
import org.pleura.model.check.FeatureCheck;
import org.pleura.model.check.FeatureGate;
import org.pleura.model.check.FeatureStatistics;
import org.pleura.model.check.HeaderCheck;
import org.pleura.model.check.PictureCheck;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.result.ModelInfo;
import org.pleura.results.dicom.Producer;
import org.pleura.results.dicom.StructuredReportWriter;

/**
 * One model as the {@link Analyzer} uses it: its detector, the header and picture checks of its input rules, the
 * check of its own features (when the package has feature statistics), and the writers that name it (producer, structured
 * report of its catalogue).
 */
final class ModelReader {

    private final Detector detector;
    private final boolean owned;
    private final HeaderCheck headerCheck;
    private final PictureCheck pictureCheck;
    private final FeatureGate gate;
    private final boolean checksFeatures;
    private final List<String> notes;
    private final Producer producer;
    private final StructuredReportWriter reports;

    ModelReader(Detector detector, boolean owned) {
        this.detector = detector;
        this.owned = owned;
        ModelPackage pkg = detector.modelPackage();
        ModelDescriptor d = pkg.descriptor();
        this.headerCheck = new HeaderCheck(d.inputOrDefault());
        this.pictureCheck = new PictureCheck(d.inputOrDefault());
        List<String> n = new ArrayList<>();
        Optional<FeatureCheck> fc = Optional.empty();
        try {
            Optional<FeatureStatistics> stats = FeatureStatistics.of(pkg);
            if (stats.isPresent()) {
                fc = Optional.of(new FeatureCheck(stats.get(), d.inputOrDefault().reads()));
            } else {
                n.add("model " + d.id() + " " + d.version() + " has no " + FeatureStatistics.FILE_NAME
                        + ": images were not compared with its training images (only the header and picture checks ran)");
            }
        } catch (InvalidModelPackageException | IllegalArgumentException e) {
            n.add(e.getMessage() + "; images were not compared with the model's training images");
        }
        this.checksFeatures = fc.isPresent();
        this.gate = fc.<FeatureGate>map(c -> c).orElse(FeatureGate.NONE);
        this.notes = List.copyOf(n);
        this.producer = Producer.pleura(detector.info());
        this.reports = new StructuredReportWriter(pkg.catalogue());
    }

    Detector detector() {
        return detector;
    }

    ModelInfo info() {
        return detector.info();
    }

    HeaderCheck headerCheck() {
        return headerCheck;
    }

    PictureCheck pictureCheck() {
        return pictureCheck;
    }

    FeatureGate gate() {
        return gate;
    }

    boolean checksFeatures() {
        return checksFeatures;
    }

    List<String> notes() {
        return notes;
    }

    Producer producer() {
        return producer;
    }

    StructuredReportWriter reports() {
        return reports;
    }

    /** What the model reads, in words, for refusal messages. */
    String reads() {
        return detector.modelPackage().descriptor().inputOrDefault().reads();
    }

    void close() {
        if (owned) {
            detector.close();
        }
    }
}
