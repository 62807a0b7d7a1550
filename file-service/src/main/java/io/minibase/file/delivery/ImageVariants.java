package io.minibase.file.delivery;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.file.config.FileProperties;
import io.minibase.file.image.ImageInspector;
import io.minibase.file.image.ImageType;
import io.minibase.file.storage.BlobStorage;
import io.minibase.file.stored.StoredFile;
import net.coobird.thumbnailator.Thumbnails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Scaled copies of images ({@code ?w=N}). The requested width is rounded up to the next
 * of the configured {@code files.widths}, so a file has at most that many copies whatever
 * clients ask for. A copy is made on its first request and stored beside the original;
 * later requests (on any instance) read it. Concurrent first requests on one instance
 * make it once (a striped lock); across instances each may make it once, which is
 * harmless because the same key always gets the same bytes.
 * <p>
 * The original is served instead where a copy would not be smaller or not be right: a
 * width at or above the original's (never upscaled), WebP (no writer, see ADR 0007),
 * animated GIFs (a copy would keep one frame), and any image ImageIO fails to decode.
 */
@Component
class ImageVariants {

	private static final Logger log = LoggerFactory.getLogger(ImageVariants.class);

	private final BlobStorage storage;

	private final List<Integer> widths;

	private final ReentrantLock[] locks = new ReentrantLock[64];

	private final Semaphore scaling;

	private final Counter generated;

	ImageVariants(BlobStorage storage, FileProperties properties, MeterRegistry meters) {
		this.storage = storage;
		this.widths = properties.widths().stream().sorted().distinct().toList();
		for (int i = 0; i < this.locks.length; i++) {
			this.locks[i] = new ReentrantLock();
		}
		this.scaling = new Semaphore(properties.maxConcurrentScaling(), true);
		this.generated = Counter.builder("files.variants.generated")
			.description("Scaled copies of images made (each is made once, then read from storage)")
			.register(meters);
	}

	/**
	 * The width of the copy served for a request of {@code requested} pixels, or empty
	 * when the original is served.
	 */
	Optional<Integer> widthFor(StoredFile file, int requested) {
		if (file.type() == ImageType.WEBP || file.animated() || file.width() == null) {
			return Optional.empty();
		}
		int width = this.widths.stream()
			.filter((candidate) -> candidate >= requested)
			.findFirst()
			.orElse(this.widths.get(this.widths.size() - 1));
		return (width < file.width()) ? Optional.of(width) : Optional.empty();
	}

	/** The stored copy of {@code file} at {@code width}, made first if need be. */
	Optional<Resource> variant(StoredFile file, int width) throws IOException {
		String key = key(file.sha256(), width);
		Optional<Resource> stored = this.storage.get(key);
		if (stored.isPresent()) {
			return stored;
		}
		ReentrantLock lock = this.locks[Math.floorMod(key.hashCode(), this.locks.length)];
		lock.lock();
		try {
			stored = this.storage.get(key);
			if (stored.isPresent()) {
				return stored;
			}
			// decoding takes memory in proportion to the image: only a few at once
			this.scaling.acquireUninterruptibly();
			try {
				if (!make(file, width, key)) {
					return Optional.empty();
				}
			}
			finally {
				this.scaling.release();
			}
			return this.storage.get(key);
		}
		finally {
			lock.unlock();
		}
	}

	static String key(String sha256, int width) {
		return "variants/" + sha256.substring(0, 2) + "/" + sha256 + "/w" + width;
	}

	private boolean make(StoredFile file, int width, String key) throws IOException {
		Resource original = this.storage.get(file.storageKey()).orElseThrow(FileNotFound::new);
		Path scaled = Files.createTempFile("minibase-variant-", ".tmp");
		try {
			BufferedImage image;
			try (InputStream in = original.getInputStream()) {
				image = decode(in, file.type(), width);
			}
			catch (IOException | RuntimeException ex) {
				log.warn("File {} could not be scaled, its original is served: {}", file.id(), ex.toString());
				return false;
			}
			try (OutputStream out = Files.newOutputStream(scaled)) {
				Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(image)
					.width(width)
					.outputFormat(file.type().formatName());
				if (file.type() == ImageType.JPEG) {
					builder.outputQuality(0.85);
				}
				builder.toOutputStream(out);
			}
			this.storage.put(key, scaled, file.contentType());
			this.generated.increment();
			return true;
		}
		finally {
			Files.deleteIfExists(scaled);
		}
	}

	/**
	 * Decodes the image, skipping rows and columns where it is much wider than needed, so
	 * a large original does not cost its full size in memory.
	 */
	private static BufferedImage decode(InputStream in, ImageType type, int width) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(in)) {
			ImageReader reader = ImageInspector.reader(type);
			try {
				reader.setInput(input, true, true);
				ImageReadParam param = reader.getDefaultReadParam();
				int step = Math.max(1, reader.getWidth(0) / (width * 2));
				if (step > 1) {
					param.setSourceSubsampling(step, step, 0, 0);
				}
				return reader.read(0, param);
			}
			finally {
				reader.dispose();
			}
		}
	}

}
