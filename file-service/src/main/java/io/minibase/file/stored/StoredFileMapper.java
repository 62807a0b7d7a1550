package io.minibase.file.stored;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Reads and writes the metadata of stored files. */
@Mapper
public interface StoredFileMapper {

	/** The columns of a {@link StoredFile}, in the order of its components. */
	String COLUMNS = """
			SELECT id, public_id, owner_id, sha256, storage_key, content_type, size_bytes, width, height, animated,
			       original_name, created_at, review_status, review_token, visibility
			FROM stored_file""";

	/** By its public id (uk_stored_file_public_id). */
	@Select(COLUMNS + " WHERE public_id = #{id}")
	StoredFile findById(FileId id);

	@Select(COLUMNS + " WHERE id = #{rowId}")
	StoredFile findByRowId(long rowId);

	/**
	 * By the number it had before ids were random, only when a product referenced it then
	 * (ADR 17); {@code null} for every other number.
	 */
	@Select(COLUMNS + " WHERE legacy_id = #{legacyId} AND legacy_referenced = TRUE")
	StoredFile findReferencedLegacy(long legacyId);

	/**
	 * Keeps the old numeric URL of a file working: a product referenced it when ids
	 * became random. 0 for a number no file had.
	 */
	@Update("UPDATE stored_file SET legacy_referenced = TRUE WHERE legacy_id = #{legacyId}")
	int markLegacyReferenced(long legacyId);

	@Select(COLUMNS + " WHERE owner_id = #{ownerId} AND sha256 = #{sha256} AND visibility = #{visibility}")
	StoredFile findByOwnerAndSha256(@Param("ownerId") long ownerId, @Param("sha256") String sha256,
			@Param("visibility") Visibility visibility);

	/**
	 * Of {@code ids}, those {@code ownerId} uploaded and not rejected by the media check
	 * (StoredFileMapper.xml).
	 */
	List<FileId> findOwned(@Param("ownerId") long ownerId, @Param("ids") List<FileId> ids);

	/** Bytes a user has stored (idx_stored_file_owner). */
	@Select("SELECT COALESCE(SUM(size_bytes), 0) FROM stored_file WHERE owner_id = #{ownerId}")
	long sumSizeByOwner(long ownerId);

	@Insert("""
			INSERT INTO stored_file (public_id, owner_id, sha256, storage_key, content_type, size_bytes, width, height,
			                         animated, original_name, review_status, review_token, visibility)
			VALUES (#{publicId}, #{ownerId}, #{sha256}, #{storageKey}, #{contentType}, #{sizeBytes}, #{width},
			        #{height}, #{animated}, #{originalName}, #{reviewStatus}, #{reviewToken}, #{visibility})""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewFile file);

	/** The file a media check's trace id is about. */
	@Select(COLUMNS + " WHERE review_trace_id = #{traceId}")
	StoredFile findByReviewTraceId(String traceId);

	/** Files whose check is still to be asked for, or asked for before {@code before}. */
	@Select("""
			SELECT id FROM stored_file
			WHERE review_status = 'PENDING' AND (review_requested_at IS NULL OR review_requested_at < #{before})
			ORDER BY id LIMIT #{limit}""")
	List<Long> findReviewsDue(@Param("before") Instant before, @Param("limit") int limit);

	/**
	 * Claims the asking for a check: 1 for the one instance that may ask now (the guard
	 * against another instance's sweep asking at the same time).
	 */
	@Update("""
			UPDATE stored_file SET review_requested_at = #{now}
			WHERE id = #{id} AND review_status = 'PENDING'
			  AND (review_requested_at IS NULL OR review_requested_at < #{before})""")
	int claimReviewRequest(@Param("id") long id, @Param("now") Instant now, @Param("before") Instant before);

	@Update("UPDATE stored_file SET review_trace_id = #{traceId} WHERE id = #{id}")
	int setReviewTraceId(@Param("id") long id, @Param("traceId") String traceId);

	/** Lets the next sweep ask again (asking failed, or WeChat could not check it). */
	@Update("""
			UPDATE stored_file SET review_requested_at = NULL, review_trace_id = NULL
			WHERE id = #{id} AND review_status = 'PENDING'""")
	int releaseReviewRequest(@Param("id") long id);

	/** Records the verdict; 1 only the first time (a push sent twice changes nothing). */
	@Update("""
			UPDATE stored_file SET review_status = #{status}, reviewed_at = #{at}
			WHERE id = #{id} AND review_status = 'PENDING'""")
	int decide(@Param("id") long id, @Param("status") ReviewStatus status, @Param("at") Instant at);

	/** The columns of an insert; {@code id} (the row's) is set by it. */
	final class NewFile {

		private Long id;

		private final FileId publicId;

		private final Visibility visibility;

		private final long ownerId;

		private final String sha256;

		private final String storageKey;

		private final String contentType;

		private final long sizeBytes;

		private final Integer width;

		private final Integer height;

		private final boolean animated;

		private final String originalName;

		private final ReviewStatus reviewStatus;

		private final String reviewToken;

		public NewFile(FileId publicId, long ownerId, String sha256, String storageKey, String contentType,
				long sizeBytes, Integer width, Integer height, boolean animated, String originalName,
				ReviewStatus reviewStatus, String reviewToken, Visibility visibility) {
			this.publicId = publicId;
			this.visibility = visibility;
			this.ownerId = ownerId;
			this.sha256 = sha256;
			this.storageKey = storageKey;
			this.contentType = contentType;
			this.sizeBytes = sizeBytes;
			this.width = width;
			this.height = height;
			this.animated = animated;
			this.originalName = originalName;
			this.reviewStatus = reviewStatus;
			this.reviewToken = reviewToken;
		}

		public FileId getPublicId() {
			return this.publicId;
		}

		public Visibility getVisibility() {
			return this.visibility;
		}

		public ReviewStatus getReviewStatus() {
			return this.reviewStatus;
		}

		public String getReviewToken() {
			return this.reviewToken;
		}

		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

		public long getOwnerId() {
			return this.ownerId;
		}

		public String getSha256() {
			return this.sha256;
		}

		public String getStorageKey() {
			return this.storageKey;
		}

		public String getContentType() {
			return this.contentType;
		}

		public long getSizeBytes() {
			return this.sizeBytes;
		}

		public Integer getWidth() {
			return this.width;
		}

		public Integer getHeight() {
			return this.height;
		}

		public boolean isAnimated() {
			return this.animated;
		}

		public String getOriginalName() {
			return this.originalName;
		}

	}

}
