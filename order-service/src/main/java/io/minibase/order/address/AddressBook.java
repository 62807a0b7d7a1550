package io.minibase.order.address;

import java.util.List;

import io.minibase.common.web.Ids;
import io.minibase.order.address.AddressMapper.AddressRow;
import io.minibase.order.address.AddressMapper.Book;
import io.minibase.order.address.AddressMapper.NewAddress;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's delivery addresses (ADR 12: they live here, beside the orders that take a
 * snapshot of one at checkout): at most {@link #LIMIT}, exactly one of them the default
 * (the first, until another is made the default; when the default is deleted, the newest
 * of the rest). Every change locks the user's book row first, so concurrent requests
 * cannot pass the limit or leave two defaults or none.
 */
@Service
public class AddressBook {

	/** How many addresses a user may keep (api.md). */
	static final int LIMIT = 20;

	private final AddressMapper addresses;

	private final TransactionTemplate transactions;

	AddressBook(AddressMapper addresses, TransactionTemplate transactions) {
		this.addresses = addresses;
		this.transactions = transactions;
	}

	/** The user's addresses, oldest first. */
	List<AddressView> list(long userId) {
		Long defaultId = this.addresses.defaultOf(userId);
		return this.addresses.ofUser(userId).stream().map((row) -> AddressView.of(row, defaultId)).toList();
	}

	/** Adds an address; the first one, or one asked to be, is the default. */
	AddressView add(long userId, AddressForm form) {
		AddressForm address = form.stripped();
		return this.transactions.execute((tx) -> {
			this.addresses.openBook(userId);
			Book book = this.addresses.lockBook(userId);
			if (book.size() >= LIMIT) {
				throw new AddressBookFull(LIMIT);
			}
			NewAddress row = new NewAddress(userId, address);
			this.addresses.insert(row);
			Long defaultId = book.defaultAddressId();
			if (defaultId == null || Boolean.TRUE.equals(address.isDefault())) {
				this.addresses.makeDefault(userId, row.getId());
				defaultId = row.getId();
			}
			return AddressView.of(this.addresses.findOwned(row.getId(), userId), defaultId);
		});
	}

	/**
	 * Replaces the parts of the caller's address; {@code isDefault} true makes it the
	 * default.
	 */
	AddressView update(long userId, String id, AddressForm form) {
		long addressId = Ids.parse(id).orElseThrow(AddressNotFound::new);
		AddressForm address = form.stripped();
		return this.transactions.execute((tx) -> {
			this.addresses.openBook(userId);
			Book book = this.addresses.lockBook(userId);
			if (this.addresses.update(addressId, userId, address) == 0) {
				throw new AddressNotFound();
			}
			Long defaultId = book.defaultAddressId();
			boolean isDefault = defaultId != null && defaultId == addressId;
			if (Boolean.TRUE.equals(address.isDefault()) && !isDefault) {
				this.addresses.makeDefault(userId, addressId);
				defaultId = addressId;
			}
			else if (Boolean.FALSE.equals(address.isDefault()) && isDefault) {
				throw new DefaultAddressRequired();
			}
			return AddressView.of(this.addresses.findOwned(addressId, userId), defaultId);
		});
	}

	/** Deletes the caller's address; when it was the default, the newest left is. */
	void delete(long userId, String id) {
		long addressId = Ids.parse(id).orElseThrow(AddressNotFound::new);
		this.transactions.executeWithoutResult((tx) -> {
			this.addresses.openBook(userId);
			Book book = this.addresses.lockBook(userId);
			if (this.addresses.delete(addressId, userId) == 0) {
				throw new AddressNotFound();
			}
			if (book.defaultAddressId() != null && book.defaultAddressId() == addressId) {
				this.addresses.makeDefault(userId, this.addresses.newest(userId));
			}
		});
	}

	/**
	 * The caller's address as it is now, for an order to keep.
	 * @throws AddressNotFound when it is not the caller's (404)
	 */
	public ShippingAddress snapshot(long userId, String id) {
		AddressRow row = Ids.parse(id).map((addressId) -> this.addresses.findOwned(addressId, userId)).orElse(null);
		if (row == null) {
			throw new AddressNotFound();
		}
		return new ShippingAddress(row.name(), row.phone(), row.province(), row.city(), row.district(), row.detail());
	}

}
