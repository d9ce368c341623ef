package org.pleura.dicom.pixel;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.pleura.dicom.DicomAttributeException;
import org.pleura.dicom.DicomElement;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.VR;

/**
 * The Pixel Data of one data set, frame by frame, as stored values: bits outside Bits Stored /
 * High Bit removed, sign-extended when Pixel Representation is 1, samples interleaved by pixel
 * (R,G,B,R,G,B...) whatever the planar configuration. Native data in every byte order and
 * encapsulated data of every transfer syntax registered in {@link FrameDecoders}.
 *
 * <pre>{@code
 * DicomFile file = DicomReader.read(path);
 * PixelData pixels = PixelData.of(file);          // checks the Image Pixel module first
 * int[] stored = pixels.decodeFrame(0);           // rows x columns x samplesPerPixel values
 * }</pre>
 *
 * <p>Limits, checked before allocating: one frame has at most {@link #MAX_FRAME_SAMPLES} samples;
 * Rows, Columns, Samples per Pixel, Bits Allocated/Stored and High Bit must be consistent; native
 * Pixel Data must hold every declared frame. Every failure is a {@link PixelDataException}:
 * {@link NoPixelDataException} for non-images, {@link UnsupportedTransferSyntaxException} for a
 * codec Pleura lacks.
 */
public final class PixelData {

    /** Most samples (rows x columns x samples per pixel) in one frame: 2^27, a 512 MiB int array. */
    public static final long MAX_FRAME_SAMPLES = 1L << 27;

    private final FrameFormat format;
    private final int highBit;
    private final int frames;
    private final TransferSyntax transferSyntax;
    private final ByteBuffer nativeData;
    private final EncapsulatedFrames encapsulated;

    private PixelData(FrameFormat format, int highBit, int frames, TransferSyntax ts, ByteBuffer nativeData,
                      EncapsulatedFrames encapsulated) {
        this.format = format;
        this.highBit = highBit;
        this.frames = frames;
        this.transferSyntax = ts;
        this.nativeData = nativeData;
        this.encapsulated = encapsulated;
    }

    /** The pixel data of a file read by {@link org.pleura.dicom.DicomReader}. */
    public static PixelData of(DicomFile file) throws PixelDataException {
        return of(file.dataset(), file.transferSyntax());
    }

    /** Stored values of one frame of a file: shorthand for {@code of(file).decodeFrame(frameIndex)}. */
    public static int[] decodeFrame(DicomFile file, int frameIndex) throws PixelDataException {
        return of(file).decodeFrame(frameIndex);
    }

    /**
     * The pixel data of a data set encoded in {@code ts}.
     *
     * @throws NoPixelDataException if there is no Pixel Data (7FE0,0010)
     * @throws PixelDataException   if the Image Pixel module is inconsistent or over the limits
     */
    public static PixelData of(DicomObject ds, TransferSyntax ts) throws PixelDataException {
        Optional<DicomElement> pixelElement = ds.get(Tag.PixelData);
        if (pixelElement.isEmpty() || pixelElement.get().isEmpty()) {
            String modality = ds.getString(Tag.Modality, "");
            String what = modality.isEmpty() ? "" : " (modality " + modality + ")";
            if (ds.contains(Tag.FloatPixelData) || ds.contains(Tag.DoubleFloatPixelData)) {
                throw new PixelDataException("float pixel data is not supported" + what);
            }
            throw new NoPixelDataException("no Pixel Data (7FE0,0010): not an image" + what);
        }
        try {
            int rows = required(ds, Tag.Rows);
            int columns = required(ds, Tag.Columns);
            int bitsAllocated = required(ds, Tag.BitsAllocated);
            int spp = ds.getInt(Tag.SamplesPerPixel, 1);
            int bitsStored = ds.getInt(Tag.BitsStored, bitsAllocated);
            int highBit = ds.getInt(Tag.HighBit, bitsStored - 1);
            int pixelRepresentation = ds.getInt(Tag.PixelRepresentation, 0);
            int planar = ds.getInt(Tag.PlanarConfiguration, 0);
            int frames = ds.getInt(Tag.NumberOfFrames, 1);
            String photometric = ds.getString(Tag.PhotometricInterpretation, spp == 1 ? "MONOCHROME2" : "RGB");
            if (rows <= 0 || columns <= 0 || rows > 65535 || columns > 65535) {
                throw new PixelDataException("invalid image size: Rows " + rows + ", Columns " + columns);
            }
            if (spp < 1 || spp > 4) {
                throw new PixelDataException("Samples per Pixel " + spp + " is not supported (1 to 4)");
            }
            if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
                throw new PixelDataException("Bits Allocated " + bitsAllocated + " is not supported (1, 8, 16 or 32)");
            }
            if (bitsStored < 1 || bitsStored > bitsAllocated) {
                throw new PixelDataException("Bits Stored " + bitsStored + " does not fit Bits Allocated " + bitsAllocated);
            }
            if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
                throw new PixelDataException("High Bit " + highBit + " does not fit Bits Stored " + bitsStored
                        + " and Bits Allocated " + bitsAllocated);
            }
            if (frames < 1) {
                throw new PixelDataException("Number of Frames " + frames + " is not a positive number");
            }
            if ((long) rows * columns * spp > MAX_FRAME_SAMPLES) {
                throw new PixelDataException("image of " + rows + " x " + columns + " x " + spp
                        + " samples is over the limit of " + MAX_FRAME_SAMPLES + " samples per frame");
            }
            FrameFormat format = new FrameFormat(rows, columns, spp, bitsAllocated, bitsStored, pixelRepresentation == 1,
                    photometric, planar == 1 ? 1 : 0);
            DicomElement pe = pixelElement.get();
            if (pe instanceof DicomElement.Fragments f) {
                long[] eot = ds.contains(Tag.ExtendedOffsetTable) ? ds.getLongs(Tag.ExtendedOffsetTable) : null;
                return new PixelData(format, highBit, frames, ts, null, EncapsulatedFrames.of(f, frames, eot,
                        ts.uid().equals(TransferSyntax.RLE_LOSSLESS.uid())));
            }
            if (!(pe instanceof DicomElement.Binary b)) {
                throw new PixelDataException("Pixel Data is a " + pe.vr() + " element, not pixel values");
            }
            if (ts.encapsulated() && ts.known()) {
                throw new PixelDataException("transfer syntax " + ts + " needs encapsulated Pixel Data, found native "
                        + b.vr());
            }
            long needed = (NativeFrames.frameBits(format) * frames + 7) / 8;
            if (b.length() < needed) {
                throw new PixelDataException("Pixel Data is shorter than declared: " + b.length() + " bytes, "
                        + frames + " frame(s) of " + rows + " x " + columns + " x " + spp + " samples of "
                        + bitsAllocated + " bits need " + needed);
            }
            if (b.vr() != VR.OB && b.vr() != VR.OW && b.vr() != VR.UN) {
                throw new PixelDataException("Pixel Data has VR " + b.vr() + ", expected OB or OW");
            }
            return new PixelData(format, highBit, frames, ts, b.buffer(), null);
        } catch (PixelDataException e) {
            throw e;
        } catch (DicomAttributeException e) {
            throw new PixelDataException("invalid Image Pixel module: " + e.getMessage(), e);
        }
    }

    private static int required(DicomObject ds, Tag tag) throws PixelDataException, DicomAttributeException {
        if (!ds.contains(tag) || ds.get(tag).get().isEmpty()) {
            throw new PixelDataException(DicomAttributeException.describe(tag) + " is missing: not a usable image");
        }
        return ds.getInt(tag);
    }

    /** What one frame looks like. */
    public FrameFormat format() {
        return format;
    }

    /** High Bit (0028,0102). */
    public int highBit() {
        return highBit;
    }

    /** Number of frames. */
    public int frameCount() {
        return frames;
    }

    /** The transfer syntax of the Pixel Data. */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /** True for compressed (encapsulated) Pixel Data. */
    public boolean isEncapsulated() {
        return encapsulated != null;
    }

    /**
     * The encoded bytes of a frame of encapsulated Pixel Data (its fragments concatenated).
     *
     * @throws PixelDataException if the Pixel Data is native or the index is out of range
     */
    public byte[] encodedFrame(int index) throws PixelDataException {
        checkIndex(index);
        if (encapsulated == null) {
            throw new PixelDataException("Pixel Data is native, not encapsulated");
        }
        return encapsulated.frame(index);
    }

    /**
     * The stored values of frame {@code index}: {@code rows x columns x samplesPerPixel} ints,
     * interleaved by pixel, masked to Bits Stored and sign-extended when signed.
     */
    public int[] decodeFrame(int index) throws PixelDataException {
        checkIndex(index);
        checkMemory();
        if (encapsulated == null) {
            int[] samples = NativeFrames.unpack(nativeData, index, format);
            StoredValues.apply(samples, format.bitsStored(), highBit + 1 - format.bitsStored(), format.signed());
            return samples;
        }
        FrameDecoder decoder = FrameDecoders.forTransferSyntax(transferSyntax.uid())
                .orElseThrow(() -> new UnsupportedTransferSyntaxException(transferSyntax));
        DecodedFrame frame;
        try {
            frame = decoder.decode(encapsulated.frame(index), format);
        } catch (PixelDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PixelDataException("cannot decode frame " + index + " (" + transferSyntax.name() + "): " + e, e);
        }
        if (frame.rows() != format.rows() || frame.columns() != format.columns()
                || frame.samplesPerPixel() != format.samplesPerPixel()) {
            throw new PixelDataException("frame " + index + " decodes to " + frame.columns() + " x " + frame.rows() + " x "
                    + frame.samplesPerPixel() + ", the header says " + format.columns() + " x " + format.rows() + " x "
                    + format.samplesPerPixel());
        }
        int[] samples = frame.samples();
        int shift = frame.precision() == format.bitsAllocated() ? highBit + 1 - format.bitsStored() : 0;
        StoredValues.apply(samples, format.bitsStored(), shift, format.signed());
        return samples;
    }

    private void checkIndex(int index) throws PixelDataException {
        if (index < 0 || index >= frames) {
            throw new PixelDataException("frame " + index + " does not exist: there are " + frames + " frame(s)");
        }
    }

    private void checkMemory() throws PixelDataException {
        long bytes = format.sampleCount() * 4;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw new PixelDataException("not enough memory to decode a frame of " + format.sampleCount() + " samples");
        }
    }
}
