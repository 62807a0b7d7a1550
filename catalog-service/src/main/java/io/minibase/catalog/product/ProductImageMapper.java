package io.minibase.catalog.product;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The file-service files products show: dropping rejected ones, the legacy list. */
@Mapper
interface ProductImageMapper {

	/**
	 * The products showing a file. No index can serve this (MariaDB cannot index the
	 * members of a JSON array), and it is not worth a table of its own: it runs once per
	 * file WeChat's media check rejects, rare, and products are few next to files.
	 */
	@Select("""
			SELECT id, category_id, name, description, price_fen, stock, status, image_file_ids,
			       created_at, updated_at, version
			FROM product WHERE INSTR(image_file_ids, CONCAT('"', #{fileId}, '"')) > 0""")
	List<Product> findShowing(String fileId);

	/** Replaces the images if the product is still {@code version}: 1 when it was. */
	@Update("""
			UPDATE product SET image_file_ids = #{images}, version = version + 1
			WHERE id = #{id} AND version = #{version}""")
	int replaceImages(@Param("id") long id, @Param("images") String images, @Param("version") long version);

	@Select("""
			SELECT product_id, image_file_ids FROM legacy_image_reference
			WHERE announced_at IS NULL ORDER BY product_id LIMIT #{limit}""")
	List<LegacyImageReference> findUnannounced(int limit);

	/** 1 for the one instance that announces this row. */
	@Update("""
			UPDATE legacy_image_reference SET announced_at = #{at}
			WHERE product_id = #{productId} AND announced_at IS NULL""")
	int markAnnounced(@Param("productId") long productId, @Param("at") Instant at);

	/** A product's images as they were when file ids became random (ADR 17). */
	record LegacyImageReference(long productId, String imageFileIds) {
	}

}
