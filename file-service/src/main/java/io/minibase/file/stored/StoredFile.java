package io.minibase.file.stored;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import io.minibase.file.image.ImageType;

/**
 * The metadata of one upload; its bytes are in the storage under {@code storageKey}.
 * {@code rowId} is the row's sequence number, for this service only; {@code id} is the
 * public one. The review token lets WeChat download it while it is checked.
 */
public record StoredFile(long rowId, FileId id, long ownerId, String sha256, String storageKey, String contentType,
		long sizeBytes, Integer width, Integer height, boolean animated, String originalName, Instant createdAt,
		ReviewStatus reviewStatus, String reviewToken, Visibility visibility) {

	/**
	 * {@code file.files.v1}: where the facts about stored files are published
	 * ({@code file.FileUploaded.v1}, {@code file.FileReviewed.v1}).
	 */
	public static final String TOPIC = "file.files.v1";

	@Override
	public String toString() {
		return "StoredFile[id=" + this.id + ", " + this.visibility + ", " + this.reviewStatus + "]";
	}

	public ImageType type() {
		return ImageType.ofContentType(this.contentType).orElseThrow();
	}

	/**
	 * Who may see the file (api.md): a private file its owner only, every other caller
	 * 404 as for a file that does not exist; a public one anyone once it passed WeChat's
	 * check (or needs none), while it is checked its owner and WeChat (with the review
	 * token), once rejected nobody (410).
	 * @param reader the caller's user id, {@code null} without a token
	 * @param reviewToken the {@code review} parameter, {@code null} when absent
	 */
	public Delivery deliveryTo(Long reader, String reviewToken) {
		return deliveryTo(reader, false, reviewToken);
	}

	/**
	 * As {@link #deliveryTo(Long, String)}, and a private file also goes to an admin
	 * (role ADMIN): the shop reads what a buyer sent privately for it, the photos of an
	 * after-sale request. Public files are the same for an admin as for anyone.
	 * @param admin whether the caller's token carries role ADMIN
	 */
	public Delivery deliveryTo(Long reader, boolean admin, String reviewToken) {
		boolean owner = reader != null && reader == this.ownerId;
		if (this.visibility == Visibility.PRIVATE) {
			// decided first: another caller must not learn even that it was rejected
			return !(owner || admin) ? Delivery.HIDDEN
					: (this.reviewStatus == ReviewStatus.REJECTED) ? Delivery.GONE : Delivery.TO_ITS_OWNER;
		}
		if (this.reviewStatus == ReviewStatus.REJECTED) {
			return Delivery.GONE;
		}
		if (this.reviewStatus.servedToAll()) {
			return Delivery.TO_ALL;
		}
		return (owner || isReviewToken(reviewToken)) ? Delivery.UNDER_CHECK : Delivery.HIDDEN;
	}

	private boolean isReviewToken(String token) {
		return token != null && this.reviewToken != null && MessageDigest
			.isEqual(token.getBytes(StandardCharsets.US_ASCII), this.reviewToken.getBytes(StandardCharsets.US_ASCII));
	}

	/** How a request for the file is answered. */
	public enum Delivery {

		/** Served, cacheable by anyone for a year. */
		TO_ALL,
		/** A private file to its owner or an admin: kept by that client only. */
		TO_ITS_OWNER,
		/** Under WeChat's check, to its owner or WeChat: kept by no cache. */
		UNDER_CHECK,
		/** 404, exactly as for an id that does not exist. */
		HIDDEN,
		/** 410: removed by the media check. */
		GONE

	}

}
