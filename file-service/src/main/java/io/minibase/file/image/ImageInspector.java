package io.minibase.file.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image's dimensions from its header, without decoding its pixels: a small file
 * that would decode to a huge image (a decompression bomb) is measured, not expanded.
 */
public final class ImageInspector {

	static {
		// ImageIO finds plugins (TwelveMonkeys' WebP reader) on the class path it starts
		// with; in the Spring Boot jar they are on the application's class loader
		ImageIO.scanForPlugins();
	}

	private ImageInspector() {
	}

	/** Width and height of an image (of its first frame). */
	public record Dimensions(int width, int height) {

		public long pixels() {
			return (long) this.width * this.height;
		}

	}

	public static Dimensions dimensions(Path file, ImageType type) {
		try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
			ImageReader reader = reader(type);
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width < 1 || height < 1) {
					// a header may say 0 (a GIF's image descriptor, found by fuzzing): no
					// picture to show or scale
					throw new IOException("The image is " + width + "x" + height + " pixels");
				}
				return new Dimensions(width, height);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new UnreadableImage(ex);
		}
	}

	/** Whether a GIF has more than one frame (scaling would lose the animation). */
	public static boolean animated(Path gif) {
		try (ImageInputStream input = ImageIO.createImageInputStream(gif.toFile())) {
			ImageReader reader = reader(ImageType.GIF);
			try {
				reader.setInput(input, false, true);
				// reads frame headers one by one and stops at the second
				reader.getWidth(1);
				return true;
			}
			catch (IndexOutOfBoundsException ex) {
				return false;
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new UnreadableImage(ex);
		}
	}

	public static ImageReader reader(ImageType type) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.formatName());
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + type);
		}
		return readers.next();
	}

}
