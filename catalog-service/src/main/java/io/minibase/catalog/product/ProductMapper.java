package io.minibase.catalog.product;

import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Reads and writes products; the dynamic list query is in ProductMapper.xml. */
@Mapper
interface ProductMapper {

	@Select("""
			SELECT id, category_id, name, description, price_fen, stock, status, image_file_ids,
			       created_at, updated_at, version
			FROM product WHERE id = #{id}""")
	Product findById(long id);

	/**
	 * One page of products, newest first (id descending), of one status or (null) of
	 * every status, optionally in a category and with a name containing {@code pattern}
	 * (a LIKE pattern).
	 */
	List<Product> findPage(@Param("status") ProductStatus status, @Param("categoryId") Long categoryId,
			@Param("pattern") String pattern, @Param("beforeId") Long beforeId, @Param("limit") int limit);

	@Insert("""
			INSERT INTO product (category_id, name, description, price_fen, stock, status, image_file_ids)
			VALUES (#{categoryId}, #{name}, #{description}, #{priceFen}, #{stock}, #{status}, #{imageFileIds})""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewProduct product);

	@Update("""
			UPDATE product SET category_id = #{p.categoryId}, name = #{p.name}, description = #{p.description},
			       price_fen = #{p.priceFen}, stock = #{p.stock}, status = #{p.status},
			       image_file_ids = #{p.imageFileIds}, version = version + 1
			WHERE id = #{id} AND (#{expectedVersion} IS NULL OR version = #{expectedVersion})""")
	int update(@Param("id") long id, @Param("p") NewProduct product, @Param("expectedVersion") Long expectedVersion);

	/**
	 * The product row, locked until the transaction ends: every writer of its SKUs locks
	 * it first (StockService too), so two writers never lock a product's rows in opposite
	 * orders.
	 */
	@Select("""
			SELECT id, category_id, name, description, price_fen, stock, status, image_file_ids,
			       created_at, updated_at, version
			FROM product WHERE id = #{id} FOR UPDATE""")
	Product lock(long id);

	/** A product's SKUs in id order (idx_sku_product). */
	@Select("SELECT id, product_id, specs, price_fen, stock FROM sku WHERE product_id = #{productId} ORDER BY id")
	List<Sku> skusOf(long productId);

	@Insert("""
			INSERT INTO sku (product_id, specs, price_fen, stock)
			VALUES (#{productId}, #{specs}, #{priceFen}, #{stock})""")
	void insertSku(@Param("productId") long productId, @Param("specs") String specs, @Param("priceFen") long priceFen,
			@Param("stock") int stock);

	@Update("""
			UPDATE sku SET specs = #{specs}, price_fen = #{priceFen}, stock = #{stock}
			WHERE id = #{id} AND product_id = #{productId}""")
	int updateSku(@Param("id") long id, @Param("productId") long productId, @Param("specs") String specs,
			@Param("priceFen") long priceFen, @Param("stock") int stock);

	@Delete("DELETE FROM sku WHERE id = #{id} AND product_id = #{productId}")
	int deleteSku(@Param("id") long id, @Param("productId") long productId);

	@Select("SELECT COUNT(*) FROM category WHERE id = #{id}")
	int countCategory(long id);

	/** The columns of an insert or a full update; {@code id} is set by the insert. */
	final class NewProduct {

		private Long id;

		private final long categoryId;

		private final String name;

		private final String description;

		private final long priceFen;

		private final int stock;

		private final ProductStatus status;

		private final String imageFileIds;

		NewProduct(long categoryId, String name, String description, long priceFen, int stock, ProductStatus status,
				String imageFileIds) {
			this.categoryId = categoryId;
			this.name = name;
			this.description = description;
			this.priceFen = priceFen;
			this.stock = stock;
			this.status = status;
			this.imageFileIds = imageFileIds;
		}

		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

		public long getCategoryId() {
			return this.categoryId;
		}

		public String getName() {
			return this.name;
		}

		public String getDescription() {
			return this.description;
		}

		public long getPriceFen() {
			return this.priceFen;
		}

		public int getStock() {
			return this.stock;
		}

		public ProductStatus getStatus() {
			return this.status;
		}

		public String getImageFileIds() {
			return this.imageFileIds;
		}

	}

}
