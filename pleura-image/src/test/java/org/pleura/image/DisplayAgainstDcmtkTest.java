package org.pleura.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pleura.image.lut.VoiTransform;
import org.pleura.testsupport.SharedData;

/**
 * The display pipeline (modality LUT, VOI, MONOCHROME1 inversion) agrees with dcmtk's dcm2pnm on
 * real chest radiographs, to one grey level of 255.
 */
class DisplayAgainstDcmtkTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
        "real_original/fo-dicom/CR-MONO1-10-chest.dcm, file window",
        "derived_transcodes/CRchest440_MONO1_RLE.dcm, file window",
        "derived_transcodes/RG1chest_MONO1_15bit_RLE.dcm, file window",
        "derived_transcodes/RG1chest_MONO1_15bit_JPEGLosslessSV1.dcm, file window",
        "real_original/fo-dicom/CR-ModalitySequenceLUT.dcm, auto window",
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_RLE.dcm, auto window",
        "real_original/fo-dicom/CR-MONO1-10-chest.dcm, sigmoid",
    })
    void displayMatchesDcm2pnm(String file, String mode) throws Exception {
        assumeTrue(SharedData.hasTool("dcmj2pnm"), "dcmtk's dcmj2pnm is not installed");
        Path src = SharedData.data("dicom/" + file);
        Radiograph r = RadiographReader.read(src);
        List<String> cmd = new ArrayList<>(List.of("dcmj2pnm", "--quiet", "+op"));
        GrayImage ours;
        switch (mode) {
            case "file window" -> {
                assertTrue(!r.pipeline().windows().isEmpty(), "expected a window in the file");
                cmd.addAll(List.of("+Wi", "1"));
                ours = r.display();
            }
            case "sigmoid" -> {
                var w = new VoiTransform.Window(550, 1024, VoiTransform.Function.SIGMOID, "");
                cmd.addAll(List.of("+Ww", "550", "1024", "+Wfs"));
                ours = r.display(w);
            }
            default -> {
                var w = (VoiTransform.Window) r.defaultWindow();
                // dcmtk's LINEAR window with width w+1 and centre c+0.5 is our LINEAR_EXACT (c, w)
                cmd.addAll(List.of("+Ww", Double.toString(w.center() + 0.5), Double.toString(w.width() + 1)));
                ours = r.display();
            }
        }
        Path out = tmp.resolve("out.pgm");
        cmd.add(src.toString());
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "dcm2pnm failed: " + log);
        int[] theirs = readPgm(out, r.columns(), r.rows());
        int maxDiff = 0;
        for (int i = 0; i < theirs.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(GrayImage.toByte(ours.pixels()[i]) - theirs[i]));
        }
        assertTrue(maxDiff <= 1, "max difference with dcm2pnm is " + maxDiff + " grey levels");
    }

    private static int[] readPgm(Path pgm, int width, int height) throws IOException {
        byte[] b = Files.readAllBytes(pgm);
        int pos = 0;
        int fields = 0;
        int[] header = new int[4];
        while (fields < 4) {
            while (Character.isWhitespace(b[pos])) {
                pos++;
            }
            if (b[pos] == '#') {
                while (b[pos] != '\n') {
                    pos++;
                }
                continue;
            }
            int start = pos;
            while (!Character.isWhitespace(b[pos])) {
                pos++;
            }
            String tok = new String(b, start, pos - start, StandardCharsets.US_ASCII);
            header[fields++] = fields == 1 ? (tok.equals("P5") ? 5 : -1) : Integer.parseInt(tok);
        }
        pos++;
        assertEquals(5, header[0], "expected a binary PGM");
        assertEquals(width, header[1]);
        assertEquals(height, header[2]);
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = b[pos + i] & 0xff;
        }
        return px;
    }
}
