package io.minibase.file.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import io.minibase.common.events.Outbox;
import io.minibase.file.config.FileProperties;
import io.minibase.file.image.ImageInspector;
import io.minibase.file.image.ImageInspector.Dimensions;
import io.minibase.file.image.ImageType;
import io.minibase.file.review.FileReviews;
import io.minibase.file.storage.BlobStorage;
import io.minibase.file.stored.FileId;
import io.minibase.file.stored.ReviewStatus;
import io.minibase.file.stored.StoredFile;
import io.minibase.file.stored.StoredFileMapper;
import io.minibase.file.stored.StoredFileMapper.NewFile;
import io.minibase.file.stored.Visibility;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads: checks, in the order that costs least first, then stores the bytes under a key
 * made from their SHA-256 (identical content is stored once) and the metadata with its
 * {@code FileUploaded} event in one transaction.
 */
@Service
class Uploads {

	private final StoredFileMapper files;

	private final BlobStorage storage;

	private final UploadRate rate;

	private final FileProperties properties;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final FileReviews reviews;

	Uploads(StoredFileMapper files, BlobStorage storage, UploadRate rate, FileProperties properties, Outbox outbox,
			TransactionTemplate transactions, FileReviews reviews) {
		this.reviews = reviews;
		this.files = files;
		this.storage = storage;
		this.rate = rate;
		this.properties = properties;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	/**
	 * Stores an upload of {@code ownerId}; the same content uploaded again by the same
	 * user returns the first upload. A trusted (admin's) upload is served to all at once;
	 * a user's waits for WeChat's media check, asked for here.
	 */
	StoredFile upload(long ownerId, MultipartFile part, boolean trusted, Visibility visibility) throws IOException {
		StoredFile file = store(ownerId, part, trusted, visibility);
		if (file.reviewStatus() == ReviewStatus.PENDING) {
			this.reviews.ask(file.rowId());
		}
		return file;
	}

	private StoredFile store(long ownerId, MultipartFile part, boolean trusted, Visibility visibility)
			throws IOException {
		this.rate.acquire(ownerId);
		long maxBytes = this.properties.maxSize().toBytes();
		if (part.getSize() > maxBytes) {
			throw new FileTooLarge(this.properties.maxSize());
		}
		ImageType type = sniff(part);
		Path copy = Files.createTempFile("minibase-upload-", ".tmp");
		try {
			String sha256 = copyHashing(part, copy, maxBytes);
			long size = Files.size(copy);
			Dimensions dimensions = ImageInspector.dimensions(copy, type);
			if (dimensions.pixels() > this.properties.maxPixels()) {
				throw new ImageTooLarge(this.properties.maxPixels());
			}
			StoredFile same = this.files.findByOwnerAndSha256(ownerId, sha256, visibility);
			if (same != null) {
				return same;
			}
			long used = this.files.sumSizeByOwner(ownerId);
			long quota = this.properties.quota().maxBytes().toBytes();
			if (used + size > quota) {
				throw new UploadQuotaExceeded(quota, used);
			}
			boolean animated = type == ImageType.GIF && ImageInspector.animated(copy);
			String key = originalKey(sha256);
			if (!this.storage.exists(key)) {
				// outside the transaction: no connection is held while bytes move
				this.storage.put(key, copy, type.contentType());
			}
			NewFile row = new NewFile(FileId.random(), ownerId, sha256, key, type.contentType(), size,
					dimensions.width(), dimensions.height(), animated, clientName(part.getOriginalFilename()),
					this.reviews.initialStatus(trusted, visibility), FileReviews.newToken(), visibility);
			return record(row);
		}
		finally {
			Files.deleteIfExists(copy);
		}
	}

	private StoredFile record(NewFile row) {
		try {
			return this.transactions.execute((status) -> {
				this.files.insert(row);
				StoredFile file = this.files.findByRowId(row.getId());
				this.outbox.append(StoredFile.TOPIC, FileUploaded.TYPE, file.id().value(),
						new FileUploaded(file.id().value(), String.valueOf(file.ownerId()), file.id().url(),
								file.contentType(), file.sizeBytes(), file.sha256(), file.width(), file.height(),
								file.createdAt(), file.visibility().name()));
				return file;
			});
		}
		catch (DuplicateKeyException ex) {
			// the same user uploaded the same bytes concurrently: the first row wins
			return Optional
				.ofNullable(this.files.findByOwnerAndSha256(row.getOwnerId(), row.getSha256(), row.getVisibility()))
				.orElseThrow(() -> ex);
		}
	}

	static String originalKey(String sha256) {
		return "originals/" + sha256.substring(0, 2) + "/" + sha256;
	}

	private static ImageType sniff(MultipartFile part) throws IOException {
		byte[] head = new byte[ImageType.HEAD_LENGTH];
		int length;
		try (InputStream in = part.getInputStream()) {
			length = in.readNBytes(head, 0, head.length);
		}
		return ImageType.sniff(head, length).orElseThrow(UnsupportedFileType::new);
	}

	/** Copies the part to {@code target} and returns the hex SHA-256 of its bytes. */
	private String copyHashing(MultipartFile part, Path target, long maxBytes) throws IOException {
		MessageDigest digest = sha256();
		try (InputStream in = new DigestInputStream(part.getInputStream(), digest);
				OutputStream out = Files.newOutputStream(target)) {
			byte[] buffer = new byte[64 * 1024];
			long total = 0;
			int read;
			while ((read = in.read(buffer)) != -1) {
				total += read;
				if (total > maxBytes) {
					throw new FileTooLarge(this.properties.maxSize());
				}
				out.write(buffer, 0, read);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The client's name, kept only as metadata: never part of a path or key. */
	private static String clientName(String name) {
		if (name == null) {
			return "";
		}
		StringBuilder kept = new StringBuilder();
		name.codePoints().filter((c) -> !Character.isISOControl(c)).limit(255).forEach(kept::appendCodePoint);
		return kept.toString();
	}

}
