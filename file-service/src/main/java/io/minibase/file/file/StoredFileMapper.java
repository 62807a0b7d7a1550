package io.minibase.file.file;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Reads and writes the metadata of stored files. */
@Mapper
interface StoredFileMapper {

	@Select("""
			SELECT id, owner_id, sha256, storage_key, content_type, size_bytes, width, height, animated,
			       original_name, created_at
			FROM stored_file WHERE id = #{id}""")
	StoredFile findById(long id);

	@Select("""
			SELECT id, owner_id, sha256, storage_key, content_type, size_bytes, width, height, animated,
			       original_name, created_at
			FROM stored_file WHERE owner_id = #{ownerId} AND sha256 = #{sha256}""")
	StoredFile findByOwnerAndSha256(@Param("ownerId") long ownerId, @Param("sha256") String sha256);

	/** Bytes a user has stored (idx_stored_file_owner). */
	@Select("SELECT COALESCE(SUM(size_bytes), 0) FROM stored_file WHERE owner_id = #{ownerId}")
	long sumSizeByOwner(long ownerId);

	@Insert("""
			INSERT INTO stored_file (owner_id, sha256, storage_key, content_type, size_bytes, width, height, animated,
			                         original_name)
			VALUES (#{ownerId}, #{sha256}, #{storageKey}, #{contentType}, #{sizeBytes}, #{width}, #{height},
			        #{animated}, #{originalName})""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewFile file);

	/** The columns of an insert; {@code id} is set by it. */
	final class NewFile {

		private Long id;

		private final long ownerId;

		private final String sha256;

		private final String storageKey;

		private final String contentType;

		private final long sizeBytes;

		private final Integer width;

		private final Integer height;

		private final boolean animated;

		private final String originalName;

		NewFile(long ownerId, String sha256, String storageKey, String contentType, long sizeBytes, Integer width,
				Integer height, boolean animated, String originalName) {
			this.ownerId = ownerId;
			this.sha256 = sha256;
			this.storageKey = storageKey;
			this.contentType = contentType;
			this.sizeBytes = sizeBytes;
			this.width = width;
			this.height = height;
			this.animated = animated;
			this.originalName = originalName;
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
