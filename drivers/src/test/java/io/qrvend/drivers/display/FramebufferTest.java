package io.qrvend.drivers.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramebufferTest {
    @TempDir
    Path dir;

    @Test
    void rgb565IsLittleEndianWithTheKernelsBitLayout() throws IOException {
        Path file = dir.resolve("fb");
        Framebuffer fb = new Framebuffer(file, FramebufferGeometry.packed(3, 1, 16));
        Raster frame = new Raster(3, 1);
        frame.fillRect(0, 0, 1, 1, 0xFF0000);
        frame.fillRect(1, 0, 1, 1, 0x00FF00);
        frame.fillRect(2, 0, 1, 1, 0x0000FF);
        fb.draw(frame);
        assertEquals("00 F8 E0 07 1F 00", hex(Files.readAllBytes(file)));
    }

    @Test
    void xrgbIsBlueGreenRedPadding() throws IOException {
        Path file = dir.resolve("fb");
        Framebuffer fb = new Framebuffer(file, FramebufferGeometry.packed(1, 1, 32));
        Raster frame = new Raster(1, 1);
        frame.fill(0x123456);
        fb.draw(frame);
        assertEquals("56 34 12 00", hex(Files.readAllBytes(file)));
    }

    @Test
    void roundTripsThroughPaddedLines() throws IOException {
        for (int bpp : new int[] {16, 32}) {
            Path file = dir.resolve("fb" + bpp);
            FramebufferGeometry geometry = new FramebufferGeometry(5, 4, bpp, 5 * bpp / 8 + 6);
            Framebuffer fb = new Framebuffer(file, geometry);
            Raster frame = new Raster(5, 4);
            frame.fill(Raster.WHITE);
            frame.fillRect(1, 1, 2, 2, Raster.BLACK);
            fb.draw(frame);
            assertEquals(geometry.stride() * 4L, Files.size(file));
            Raster back = fb.read();
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    assertEquals(frame.get(x, y) == Raster.BLACK, back.get(x, y) == Raster.BLACK, bpp + " bpp at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void geometryComesFromSysfs() throws IOException {
        Files.writeString(dir.resolve("virtual_size"), "480,320\n");
        Files.writeString(dir.resolve("bits_per_pixel"), "16\n");
        Files.writeString(dir.resolve("stride"), "960\n");
        assertEquals(new FramebufferGeometry(480, 320, 16, 960), FramebufferGeometry.fromSysfs(dir));
        assertEquals(Path.of("/sys/class/graphics/fb1"), FramebufferGeometry.sysfsOf(Path.of("/dev/fb1")));

        Files.writeString(dir.resolve("bits_per_pixel"), "24\n");
        IOException e = assertThrows(IOException.class, () -> FramebufferGeometry.fromSysfs(dir));
        assertTrue(e.getMessage().contains("24 bpp is not supported"), e.getMessage());
    }

    @Test
    void pngRoundTripsAndIsReplacedWhole() throws IOException {
        Path png = dir.resolve("screen.png");
        Raster frame = new Raster(8, 6);
        frame.fill(Raster.WHITE);
        frame.fillRect(2, 2, 3, 3, 0x336699);
        new PngFile(png, 8, 6).draw(frame);
        Raster back = PngFile.read(png);
        assertEquals(0x336699, back.get(3, 3));
        assertEquals(Raster.WHITE, back.get(0, 0));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void ansiBlocksStackTwoPixelsPerCharacter() {
        Raster frame = new Raster(4, 2);
        frame.fill(Raster.WHITE);
        frame.fillRect(0, 0, 1, 2, Raster.BLACK); // both
        frame.fillRect(1, 0, 1, 1, Raster.BLACK); // top
        frame.fillRect(2, 1, 1, 1, Raster.BLACK); // bottom
        assertEquals("\u001b[30;107m█▀▄ \u001b[0m\n", AnsiBlocks.render(frame));
    }

    @Test
    void fontCoversPrintableAsciiAndTheYuanSign() {
        Raster frame = new Raster(PixelFont.width("¥8", 2), PixelFont.height(2));
        frame.fill(Raster.WHITE);
        PixelFont.draw(frame, 0, 0, "¥8", 2, Raster.BLACK);
        assertEquals(Raster.BLACK, frame.get(0, 0), "the yuan sign's top-left stroke");
        assertTrue(PixelFont.covers('~') && PixelFont.covers(' ') && !PixelFont.covers('\u4e2d'));
        assertEquals(22, PixelFont.width("AB", 2), "two glyphs of 5 and one column between, doubled");
    }

    private static String hex(byte[] bytes) {
        return io.qrvend.drivers.serial.Hex.of(bytes);
    }
}
