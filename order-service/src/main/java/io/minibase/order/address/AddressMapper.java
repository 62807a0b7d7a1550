package io.minibase.order.address;

import java.util.List;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Users' addresses and their address books. The book row (one per user) holds the default
 * address and is locked by every change of the user's addresses, so the limit and the one
 * default hold under concurrent requests.
 */
@Mapper
interface AddressMapper {

	String COLUMNS = "id, user_id, name, phone, province, city, district, detail";

	/**
	 * The user's book, created empty the first time, and locked until the transaction
	 * ends. Not INSERT IGNORE: on an existing row that takes a shared lock, and two
	 * requests holding it and both asking for the exclusive one deadlock.
	 */
	@Insert("INSERT INTO address_book (user_id) VALUES (#{userId}) ON DUPLICATE KEY UPDATE user_id = user_id")
	void openBook(long userId);

	/** The user's book, locked until the transaction ends. */
	@Select("""
			SELECT b.default_address_id, (SELECT COUNT(*) FROM address a WHERE a.user_id = b.user_id) AS size
			FROM address_book b WHERE b.user_id = #{userId} FOR UPDATE""")
	Book lockBook(long userId);

	@Select("SELECT default_address_id FROM address_book WHERE user_id = #{userId}")
	Long defaultOf(long userId);

	@Update("UPDATE address_book SET default_address_id = #{addressId} WHERE user_id = #{userId}")
	void makeDefault(@Param("userId") long userId, @Param("addressId") Long addressId);

	/** idx_address_user (user_id, id). */
	@Select("SELECT " + COLUMNS + " FROM address WHERE user_id = #{userId} ORDER BY id")
	List<AddressRow> ofUser(long userId);

	@Select("SELECT " + COLUMNS + " FROM address WHERE id = #{id} AND user_id = #{userId}")
	AddressRow findOwned(@Param("id") long id, @Param("userId") long userId);

	/** The newest of the user's addresses, the default after the default is deleted. */
	@Select("SELECT MAX(id) FROM address WHERE user_id = #{userId}")
	Long newest(long userId);

	@Insert("""
			INSERT INTO address (user_id, name, phone, province, city, district, detail)
			VALUES (#{userId}, #{form.name}, #{form.phone}, #{form.province}, #{form.city}, #{form.district},
			        #{form.detail})""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewAddress address);

	@Update("""
			UPDATE address SET name = #{form.name}, phone = #{form.phone}, province = #{form.province},
			       city = #{form.city}, district = #{form.district}, detail = #{form.detail}
			WHERE id = #{id} AND user_id = #{userId}""")
	int update(@Param("id") long id, @Param("userId") long userId, @Param("form") AddressForm form);

	@Delete("DELETE FROM address WHERE id = #{id} AND user_id = #{userId}")
	int delete(@Param("id") long id, @Param("userId") long userId);

	/** A user's book: the default address, and how many addresses are in it. */
	record Book(Long defaultAddressId, int size) {
	}

	/** An address as stored. */
	record AddressRow(long id, long userId, String name, String phone, String province, String city, String district,
			String detail) {
	}

	/** The columns of a new address; {@code id} is set by the insert. */
	final class NewAddress {

		private Long id;

		private final long userId;

		private final AddressForm form;

		NewAddress(long userId, AddressForm form) {
			this.userId = userId;
			this.form = form;
		}

		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

		public long getUserId() {
			return this.userId;
		}

		public AddressForm getForm() {
			return this.form;
		}

	}

}
