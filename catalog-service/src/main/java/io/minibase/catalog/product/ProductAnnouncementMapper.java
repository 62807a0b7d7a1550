package io.minibase.catalog.product;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The products V8 listed to be announced once more ({@link ProductAnnouncer}). */
@Mapper
interface ProductAnnouncementMapper {

	/** Ids not announced yet, lowest first. idx_product_announcement_due. */
	@Select("""
			SELECT product_id FROM product_announcement
			WHERE announced_at IS NULL ORDER BY product_id LIMIT #{limit}""")
	List<Long> findUnannounced(int limit);

	/** 1 for the one instance that announces this product. */
	@Update("""
			UPDATE product_announcement SET announced_at = #{at}
			WHERE product_id = #{productId} AND announced_at IS NULL""")
	int markAnnounced(@Param("productId") long productId, @Param("at") Instant at);

}
