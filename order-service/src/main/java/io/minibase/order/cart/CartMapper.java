package io.minibase.order.cart;

import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** A user's cart rows; every statement names the user (the primary key's prefix). */
@Mapper
interface CartMapper {

	@Select("SELECT sku_id, quantity FROM cart_item WHERE user_id = #{userId} ORDER BY added_at, sku_id")
	List<CartRow> items(long userId);

	/**
	 * Locks the user's cart row (made on the first add) until the transaction ends: two
	 * adds at once take turns, so they cannot both pass the limit.
	 */
	@Insert("""
			INSERT INTO cart (user_id) VALUES (#{userId})
			ON DUPLICATE KEY UPDATE changed_at = CURRENT_TIMESTAMP(3)""")
	void lock(long userId);

	@Select("SELECT COUNT(*) FROM cart_item WHERE user_id = #{userId}")
	int count(long userId);

	@Select("SELECT COUNT(*) FROM cart_item WHERE user_id = #{userId} AND sku_id = #{skuId}")
	int has(@Param("userId") long userId, @Param("skuId") String skuId);

	@Insert("""
			INSERT INTO cart_item (user_id, sku_id, quantity) VALUES (#{userId}, #{skuId}, #{quantity})
			ON DUPLICATE KEY UPDATE quantity = VALUES(quantity)""")
	void put(@Param("userId") long userId, @Param("skuId") String skuId, @Param("quantity") int quantity);

	@Delete("DELETE FROM cart_item WHERE user_id = #{userId} AND sku_id = #{skuId}")
	int remove(@Param("userId") long userId, @Param("skuId") String skuId);

	/** Takes an ordered row out, only if it still holds what was ordered. */
	@Delete("DELETE FROM cart_item WHERE user_id = #{userId} AND sku_id = #{skuId} AND quantity = #{quantity}")
	int takeOut(@Param("userId") long userId, @Param("skuId") String skuId, @Param("quantity") int quantity);

	/** A row of the cart. */
	record CartRow(String skuId, int quantity) {
	}

}
