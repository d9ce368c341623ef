package org.pleura.model.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelPackage;

/**
 * What the model's pooled features of its training images look like, for the {@link FeatureCheck}: their mean,
 * principal axes with variances, the variance left outside those axes, and the distance above which an image is
 * refused, chosen on held-out chest radiographs. Stored in a model package as the optional file
 * {@value #FILE_NAME} (packages without it still load; the feature check is then skipped and said so).
 *
 * <p>The distance of a feature vector {@code f} is {@code sqrt((sum_i (a_i . (f - mean))^2 / var_i + |r|^2 /
 * residualVariance) / D)}, where {@code a_i} are the principal axes, {@code r} is the part of {@code f - mean}
 * outside them and {@code D} the number of features: a Mahalanobis distance on the principal axes plus a scaled
 * residual, normalised so that training images are near 1.
 *
 * @param formatVersion    file format version ({@value #FORMAT_VERSION})
 * @param weightsSha256    SHA-256 of the weights the features came from (the statistics belong to those weights)
 * @param images           training images the statistics were computed on
 * @param mean             mean feature vector
 * @param axes             principal axes, one unit vector per row, largest variance first
 * @param variances        variance along each axis
 * @param residualVariance mean variance per dimension outside the principal axes
 * @param threshold        distance above which an image is refused
 * @param calibration      how the threshold was chosen
 */
public record FeatureStatistics(int formatVersion, String weightsSha256, int images, double[] mean, double[][] axes,
                                double[] variances, double residualVariance, double threshold,
                                Calibration calibration) {

    /** The file name inside a model package. */
    public static final String FILE_NAME = "feature-stats.json";
    /** The format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * How the threshold was chosen.
     *
     * @param images   held-out chest radiographs measured
     * @param quantile the quantile of their distances taken
     * @param margin   the factor applied to that quantile
     * @param median   median distance of the held-out images
     * @param max      largest distance of the held-out images
     */
    public record Calibration(int images, double quantile, double margin, double median, double max) {
    }

    public FeatureStatistics {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(axes, "axes");
        Objects.requireNonNull(variances, "variances");
        if (axes.length != variances.length) {
            throw new IllegalArgumentException(axes.length + " axes but " + variances.length + " variances");
        }
        for (double[] a : axes) {
            if (a.length != mean.length) {
                throw new IllegalArgumentException("an axis has " + a.length + " values, the mean " + mean.length);
            }
        }
        if (!(residualVariance > 0) || Arrays.stream(variances).anyMatch(v -> !(v > 0))) {
            throw new IllegalArgumentException("variances must be positive");
        }
    }

    /** Number of features per image. */
    public int dimensions() {
        return mean.length;
    }

    /** The normalised distance of one image's features from the training images (about 1 for them). */
    public double distance(float[] features) {
        if (features.length != mean.length) {
            throw new IllegalArgumentException("the model gave " + features.length + " features; the statistics have "
                    + mean.length + " (they belong to another model)");
        }
        int d = mean.length;
        double[] x = new double[d];
        double total = 0;
        for (int i = 0; i < d; i++) {
            x[i] = features[i] - mean[i];
            total += x[i] * x[i];
        }
        double inAxes = 0;
        double projected = 0;
        for (int k = 0; k < axes.length; k++) {
            double p = 0;
            double[] a = axes[k];
            for (int i = 0; i < d; i++) {
                p += a[i] * x[i];
            }
            inAxes += p * p / variances[k];
            projected += p * p;
        }
        double residual = Math.max(0, total - projected);
        return Math.sqrt((inAxes + residual / residualVariance) / d);
    }

    /**
     * Fits statistics to the features of training images, keeping {@code components} principal axes (at most
     * a quarter of the images and all but one dimension). The threshold is not set yet: see {@link #calibrated}.
     *
     * @throws IllegalArgumentException when there are too few images (at least 8) or vectors differ in length
     */
    public static FeatureStatistics fit(List<float[]> features, int components, String weightsSha256) {
        int n = features.size();
        if (n < 8) {
            throw new IllegalArgumentException("feature statistics need at least 8 training images, got " + n);
        }
        int d = features.get(0).length;
        double[] mean = new double[d];
        for (float[] f : features) {
            if (f.length != d) {
                throw new IllegalArgumentException("feature vectors differ in length: " + f.length + " and " + d);
            }
            for (int i = 0; i < d; i++) {
                mean[i] += f[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
        }
        double[][] cov = new double[d][d];
        double[] x = new double[d];
        for (float[] f : features) {
            for (int i = 0; i < d; i++) {
                x[i] = f[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                double xi = x[i];
                double[] row = cov[i];
                for (int j = i; j < d; j++) {
                    row[j] += xi * x[j];
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
            trace += cov[i][i];
        }
        SymmetricEigen eig = SymmetricEigen.of(cov);
        int k = Math.max(1, Math.min(components, Math.min(n / 4, d - 1)));
        double floor = Math.max(1e-12, 1e-6 * trace / d);
        double[][] axes = new double[k][];
        double[] variances = new double[k];
        double kept = 0;
        for (int i = 0; i < k; i++) {
            axes[i] = eig.vectors[i];
            variances[i] = Math.max(floor, eig.values[i]);
            kept += Math.max(0, eig.values[i]);
        }
        double residual = Math.max(floor, (trace - kept) / (d - k));
        return new FeatureStatistics(FORMAT_VERSION, weightsSha256, n, mean, axes, variances, residual,
                Double.POSITIVE_INFINITY, new Calibration(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
    }

    /**
     * A copy whose threshold is {@code margin} times the {@code quantile} of the distances of held-out chest
     * radiographs (images not used by {@link #fit}).
     */
    public FeatureStatistics calibrated(List<float[]> heldOut, double quantile, double margin) {
        if (heldOut.isEmpty()) {
            throw new IllegalArgumentException("calibrating the feature check needs held-out chest radiographs");
        }
        if (!(quantile > 0 && quantile <= 1) || !(margin >= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1] and margin at least 1");
        }
        double[] ds = heldOut.stream().mapToDouble(this::distance).sorted().toArray();
        double q = ds[(int) Math.ceil(quantile * (ds.length - 1))];
        double median = ds[(ds.length - 1) / 2];
        return new FeatureStatistics(formatVersion, weightsSha256, images, mean, axes, variances, residualVariance,
                q * margin, new Calibration(ds.length, quantile, margin, median, ds[ds.length - 1]));
    }

    /** Writes {@value #FILE_NAME} into a package directory. */
    public void write(Path packageDirectory) throws IOException {
        Path target = packageDirectory.resolve(FILE_NAME);
        Path tmp = target.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, toJson());
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The statistics as JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    /** Reads statistics from JSON text; {@code source} names the file in messages. */
    public static FeatureStatistics parse(String json, String source) throws InvalidModelPackageException {
        FeatureStatistics s;
        try {
            s = JSON.readValue(json, FeatureStatistics.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelPackageException(source + " is not valid feature statistics: " + e.getMessage(), e);
        }
        if (s.formatVersion() != FORMAT_VERSION) {
            throw new InvalidModelPackageException(source + ": format_version " + s.formatVersion()
                    + " is not supported (this Pleura reads " + FORMAT_VERSION + ")");
        }
        return s;
    }

    /**
     * The statistics stored in a loaded package (directory or zip), if it has them.
     *
     * @throws InvalidModelPackageException if the file is there but unreadable, or belongs to other weights
     */
    public static Optional<FeatureStatistics> of(ModelPackage pkg) throws InvalidModelPackageException {
        Path source = Path.of(pkg.source());
        String where = pkg.source() + "/" + FILE_NAME;
        Optional<String> json;
        try {
            json = Files.isDirectory(source) ? readIfPresent(source.resolve(FILE_NAME)) : readFromZip(source);
        } catch (IOException e) {
            throw new InvalidModelPackageException("cannot read " + where + ": " + e.getMessage(), e);
        }
        if (json.isEmpty()) {
            return Optional.empty();
        }
        FeatureStatistics s = parse(json.get(), where);
        String sha = pkg.descriptor().weights() == null ? null : pkg.descriptor().weights().sha256();
        if (s.weightsSha256() != null && sha != null && !s.weightsSha256().equalsIgnoreCase(sha)) {
            throw new InvalidModelPackageException(where + " was computed for other weights (SHA-256 "
                    + s.weightsSha256() + ", the package has " + sha + "): compute it again with "
                    + "'pleura input-stats'");
        }
        return Optional.of(s);
    }

    private static Optional<String> readIfPresent(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }

    private static Optional<String> readFromZip(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            return Optional.empty();
        }
        try (FileSystem fs = FileSystems.newFileSystem(zip)) {
            Path root = fs.getRootDirectories().iterator().next();
            Optional<String> direct = readIfPresent(root.resolve(FILE_NAME));
            if (direct.isPresent()) {
                return direct;
            }
            try (Stream<Path> s = Files.list(root)) {
                for (Path p : s.filter(Files::isDirectory).toList()) {
                    Optional<String> inner = readIfPresent(p.resolve(FILE_NAME));
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            }
            return Optional.empty();
        }
    }
}
