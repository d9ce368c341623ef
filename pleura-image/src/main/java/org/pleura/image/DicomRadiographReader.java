package org.pleura.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.dicom.pixel.FrameFormat;
import org.pleura.dicom.pixel.PixelData;
import org.pleura.image.lut.LookupTable;
import org.pleura.image.lut.ModalityLut;
import org.pleura.image.lut.VoiTransform;

/**
 * Reads the first frame of a DICOM image into a {@link Radiograph}: stored values from
 * {@link PixelData}, the modality LUT (Modality LUT Sequence, else Rescale Slope/Intercept), the VOI
 * transforms (every Window Center/Width pair with its VOI LUT Function, then every VOI LUT Sequence
 * item), MONOCHROME1 inversion, pixel padding, spacing and the clinical metadata. Colour images
 * (RGB, YBR, palette) are reduced to their luminance and flagged as colour in the metadata.
 */
final class DicomRadiographReader {
    private DicomRadiographReader() {
    }

    static Radiograph read(byte[] bytes, String source) throws ImageReadException {
        try {
            DicomFile file = DicomReader.read(bytes, ReadOptions.DEFAULT);
            return toRadiograph(file, source);
        } catch (DicomException e) {
            throw new ImageReadException(source, e.getMessage(), e);
        } catch (RuntimeException e) {
            // A defect, not bad input; still never a stack trace for the user.
            throw new ImageReadException(source, "could not read this DICOM file (" + e + ")", e);
        }
    }

    static Radiograph toRadiograph(DicomFile file, String source) throws DicomException, ImageReadException {
        DicomObject ds = file.dataset();
        PixelData pixels = PixelData.of(file);
        FrameFormat f = pixels.format();
        ImageLimits.checkSize(source, f.columns(), f.rows());
        int[] samples = pixels.decodeFrame(0);
        String photometric = f.photometricInterpretation().trim().toUpperCase(Locale.ROOT);
        int spp = f.samplesPerPixel();
        int[] stored = spp == 1 ? samples : luminance(samples, spp, photometric, f.bitsStored());
        boolean invert = "MONOCHROME1".equals(photometric);

        DisplayPipeline pipeline;
        if (spp == 1 && !photometric.startsWith("PALETTE")) {
            pipeline = new DisplayPipeline(modalityLut(ds, f.signed()), vois(ds, f.signed()), invert,
                    optSmall(ds, Tag.PixelPaddingValue, f.signed()), optSmall(ds, Tag.PixelPaddingRangeLimit, f.signed()));
        } else {
            pipeline = DisplayPipeline.fullRange(Math.min(16, f.bitsStored()));
        }
        ClinicalMetadata meta = new ClinicalMetadata(ds.getString(Tag.Modality, ""),
                ds.getString(Tag.BodyPartExamined, ""), ds.getString(Tag.ViewPosition, ""),
                ds.getString(Tag.PatientSex, ""), ds.getString(Tag.PatientAge, ""), ds.getString(Tag.SOPClassUID, ""),
                ds.getString(Tag.StudyInstanceUID, ""), ds.getString(Tag.SeriesInstanceUID, ""),
                ds.getString(Tag.SOPInstanceUID, ""), photometric, spp);
        return new Radiograph(source, f.columns(), f.rows(), stored, f.bitsStored(), f.signed() && spp == 1,
                pipeline, spacing(ds), meta, Optional.of(ds.without(Tag.PixelData)));
    }

    private static int[] luminance(int[] samples, int spp, String photometric, int bits) {
        int n = samples.length / spp;
        int[] out = new int[n];
        boolean ybr = photometric.startsWith("YBR");
        int max = (1 << Math.min(bits, 16)) - 1;
        for (int i = 0; i < n; i++) {
            int a = samples[i * spp];
            if (ybr) {
                out[i] = a;
            } else {
                int g = samples[i * spp + 1];
                int b = samples[i * spp + 2];
                int y = (int) Math.round(0.299 * a + 0.587 * g + 0.114 * b);
                out[i] = Math.max(0, Math.min(max, y));
            }
        }
        return out;
    }

    private static ModalityLut modalityLut(DicomObject ds, boolean signed) throws DicomException {
        List<DicomObject> seq = ds.contains(Tag.ModalityLUTSequence) ? ds.getSequence(Tag.ModalityLUTSequence) : List.of();
        if (!seq.isEmpty()) {
            Optional<LookupTable> t = lut(seq.get(0), signed);
            if (t.isPresent()) {
                return new ModalityLut.Table(t.get());
            }
        }
        double slope = ds.getDouble(Tag.RescaleSlope, 1.0);
        double intercept = ds.getDouble(Tag.RescaleIntercept, 0.0);
        if (slope == 0 || Double.isNaN(slope) || Double.isNaN(intercept)) {
            slope = 1.0;
            intercept = 0.0;
        }
        return new ModalityLut.Rescale(slope, intercept);
    }

    private static List<VoiTransform> vois(DicomObject ds, boolean signed) throws DicomException {
        List<VoiTransform> out = new ArrayList<>();
        double[] centers = ds.getDoubles(Tag.WindowCenter);
        double[] widths = ds.getDoubles(Tag.WindowWidth);
        List<String> explanations = ds.contains(Tag.WindowCenterWidthExplanation)
                ? ds.getStrings(Tag.WindowCenterWidthExplanation) : List.of();
        VoiTransform.Function fn = VoiTransform.Function.parse(ds.getString(Tag.VOILUTFunction, null));
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            double w = widths[i];
            boolean valid = fn == VoiTransform.Function.LINEAR ? w >= 1 : w > 0;
            if (valid && Double.isFinite(centers[i])) {
                out.add(new VoiTransform.Window(centers[i], w, fn, i < explanations.size() ? explanations.get(i) : ""));
            }
        }
        if (ds.contains(Tag.VOILUTSequence)) {
            for (DicomObject item : ds.getSequence(Tag.VOILUTSequence)) {
                lut(item, signed).ifPresent(t -> out.add(new VoiTransform.Table(t)));
            }
        }
        return out;
    }

    /** A LUT from an item with LUT Descriptor and LUT Data; empty if they are missing or inconsistent. */
    static Optional<LookupTable> lut(DicomObject item, boolean signedInput) throws DicomException {
        int[] desc = item.getInts(Tag.LUTDescriptor);
        if (desc.length < 3 || !item.contains(Tag.LUTData)) {
            return Optional.empty();
        }
        int entries = desc[0] == 0 ? 65536 : desc[0] & 0xFFFF;
        int first = desc[1];
        if (signedInput && first > 32767) {
            first -= 65536;
        }
        int bits = desc[2];
        if (bits < 1 || bits > 16) {
            return Optional.empty();
        }
        byte[] raw = item.getBytes(Tag.LUTData);
        int[] data = new int[entries];
        if (raw.length >= entries * 2) {
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < entries; i++) {
                data[i] = b.getShort() & 0xFFFF;
            }
        } else if (raw.length >= entries) {
            for (int i = 0; i < entries; i++) {
                data[i] = raw[i] & 0xFF;
            }
        } else {
            return Optional.empty();
        }
        String explanation = item.getString(Tag.LUTExplanation, "");
        // Some writers declare 16 bits for 12-bit data (or the reverse): trust the data's range.
        int maxData = 0;
        for (int v : data) {
            maxData = Math.max(maxData, v);
        }
        if (maxData > (1 << bits) - 1) {
            bits = 16;
        }
        return Optional.of(new LookupTable(first, bits, data, explanation));
    }

    private static OptionalInt optSmall(DicomObject ds, Tag tag, boolean signed) throws DicomException {
        OptionalInt v = ds.optInt(tag);
        if (v.isPresent() && signed && v.getAsInt() > 32767 && v.getAsInt() <= 65535) {
            return OptionalInt.of(v.getAsInt() - 65536);
        }
        return v;
    }

    private static Optional<PixelSpacing> spacing(DicomObject ds) throws DicomException {
        for (Tag t : new Tag[] {Tag.PixelSpacing, Tag.ImagerPixelSpacing}) {
            double[] v = ds.getDoubles(t);
            if (v.length >= 2 && v[0] > 0 && v[1] > 0) {
                return Optional.of(new PixelSpacing(v[0], v[1], t == Tag.PixelSpacing ? "PixelSpacing" : "ImagerPixelSpacing"));
            }
        }
        return Optional.empty();
    }
}
