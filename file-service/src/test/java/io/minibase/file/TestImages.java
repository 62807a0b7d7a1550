package io.minibase.file;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/** Images made in the test, so that no binary fixture needs to be kept. */
public final class TestImages {

	/** A 1x1 lossless WebP (the smallest valid one; ImageIO cannot write WebP). */
	public static final byte[] WEBP_1X1 = Base64.getDecoder()
		.decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

	private TestImages() {
	}

	/**
	 * An image of the given ImageIO format; {@code seed} changes its pixels so that each
	 * test gets content of its own.
	 */
	public static byte[] image(String format, int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height,
				format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		Random random = new Random(seed);
		graphics.setColor(new Color(random.nextInt(0xFFFFFF)));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(new Color(random.nextInt(0xFFFFFF)));
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		return write(image, format);
	}

	/**
	 * A PNG of random pixels: it does not compress, so its size is about 3 bytes a pixel.
	 */
	public static byte[] noisePng(int width, int height, long seed) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(seed);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, random.nextInt(0xFFFFFF));
			}
		}
		return write(image, "png");
	}

	/**
	 * A PNG whose header says {@code width} x {@code height} pixels, with a few hundred
	 * bytes of compressed (all zero) rows: decoded, it would take gigabytes.
	 */
	public static byte[] pngBomb(int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
		ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0);
		header.put((byte) 0).put((byte) 0).put((byte) 0);
		chunk(out, "IHDR", header.array());
		Deflater deflater = new Deflater(9);
		deflater.setInput(new byte[1024 * 1024]);
		deflater.finish();
		byte[] compressed = new byte[64 * 1024];
		int length = deflater.deflate(compressed);
		deflater.end();
		byte[] data = new byte[length];
		System.arraycopy(compressed, 0, data, 0, length);
		chunk(out, "IDAT", data);
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(typeBytes);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	/** Width and height of image bytes, decoded. */
	public static int[] size(byte[] bytes) {
		try {
			BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
			return new int[] { image.getWidth(), image.getHeight() };
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] write(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
