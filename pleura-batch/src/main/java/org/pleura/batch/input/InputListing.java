package org.pleura.batch.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.pleura.batch.BatchException;

/**
 * Lists the files of a batch's inputs on the driver: a folder is walked (every regular file; files that are not
 * DICOM, PNG or JPEG are recognised as such by their first bytes on the executors and counted, never analysed), a
 * glob is expanded, and a {@code .csv} is a manifest whose {@code path} column names the files (relative to the
 * manifest's folder), with optional {@code patient_id} and {@code study_date} columns. Hidden files (names starting
 * with {@code .} or {@code _}) are left out. Each file is listed once, in path order.
 */
public final class InputListing {

    /** What the inputs name. */
    public record Listing(List<InputFile> files, List<String> missing) {
        public Listing {
            files = List.copyOf(files);
            missing = List.copyOf(missing);
        }
    }

    private final Configuration conf;

    public InputListing(Configuration conf) {
        this.conf = conf;
    }

    /** Lists the inputs; an input that matches nothing is reported in {@link Listing#missing()}. */
    public Listing list(List<String> inputs) throws BatchException {
        Map<String, InputFile> files = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String input : inputs) {
            Path path = new Path(input);
            try {
                FileSystem fs = path.getFileSystem(conf);
                FileStatus[] matched = fs.globStatus(path);
                if (matched == null || matched.length == 0) {
                    missing.add(input + ": no such file or directory");
                    continue;
                }
                for (FileStatus s : matched) {
                    if (s.isDirectory()) {
                        walk(fs, s.getPath(), files);
                    } else if (isManifest(s.getPath())) {
                        readManifest(fs, s.getPath(), files);
                    } else {
                        String p = PathNames.display(s.getPath());
                        files.putIfAbsent(p, InputFile.named(p));
                    }
                }
            } catch (IOException e) {
                throw new BatchException(input + ": cannot list (" + e.getMessage() + ")", e);
            }
        }
        List<InputFile> sorted = new ArrayList<>(files.values());
        sorted.sort(java.util.Comparator.comparing(InputFile::path));
        return new Listing(sorted, missing);
    }

    private static boolean isManifest(Path p) {
        return p.getName().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static void walk(FileSystem fs, Path dir, Map<String, InputFile> files) throws IOException {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            LocatedFileStatus s = it.next();
            if (!s.isFile() || hidden(dir, s.getPath())) {
                continue;
            }
            String p = PathNames.display(s.getPath());
            files.putIfAbsent(p, InputFile.found(p));
        }
    }

    /** A file is hidden when its name, or a folder's between the walked folder and it, starts with . or _. */
    private static boolean hidden(Path root, Path file) {
        String rootUri = root.toUri().getPath();
        for (Path p = file; p != null && !p.toUri().getPath().equals(rootUri); p = p.getParent()) {
            String n = p.getName();
            if (n.startsWith(".") || n.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static void readManifest(FileSystem fs, Path csv, Map<String, InputFile> files)
            throws IOException, BatchException {
        Path base = csv.getParent();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(csv), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null) {
                throw new BatchException(PathNames.display(csv) + ": empty manifest");
            }
            List<String> columns = CsvLines.split(header.replace("\uFEFF", ""));
            int path = columns.indexOf("path");
            if (path < 0) {
                throw new BatchException(PathNames.display(csv) + ": a manifest needs a 'path' column (found: "
                        + String.join(", ", columns) + ")");
            }
            int patient = columns.indexOf("patient_id");
            int date = columns.indexOf("study_date") >= 0 ? columns.indexOf("study_date") : columns.indexOf("date");
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = CsvLines.split(line);
                if (f.size() <= path || f.get(path).isBlank()) {
                    throw new BatchException(PathNames.display(csv) + " line " + lineNo + ": no path");
                }
                Path file = resolve(base, f.get(path).strip());
                String p = PathNames.display(fs.makeQualified(file));
                files.putIfAbsent(p, new InputFile(p, field(f, patient), field(f, date), true));
            }
        }
    }

    private static Path resolve(Path base, String relative) {
        Path p = new Path(relative);
        return p.isAbsolute() || p.toUri().getScheme() != null ? p : new Path(base, relative);
    }

    private static String field(List<String> f, int i) {
        return i < 0 || i >= f.size() || f.get(i).isBlank() ? null : f.get(i).strip();
    }
}
