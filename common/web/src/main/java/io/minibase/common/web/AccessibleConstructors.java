package io.minibase.common.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.reflection.ReflectionException;
import org.apache.ibatis.reflection.factory.DefaultObjectFactory;

/**
 * MyBatis's object factory, with each row type's constructor looked up once and made
 * accessible once.
 * <p>
 * The services' rows are package-private records. MyBatis's DefaultObjectFactory looks
 * the constructor up again for every row, calls it, catches the
 * {@code IllegalAccessException} the package-private constructor throws, makes it
 * accessible and calls it again: an exception with its stack trace for every row read
 * (about 10,000 a minute on the box under orders). Interfaces (a {@code List} result) and
 * types whose constructor cannot be opened go to MyBatis as before.
 */
final class AccessibleConstructors extends DefaultObjectFactory {

	private final ConcurrentHashMap<Key, Constructor<?>> constructors = new ConcurrentHashMap<>();

	@Override
	public <T> T create(Class<T> type, List<Class<?>> argTypes, List<Object> args) {
		if (type.isInterface()) {
			return super.create(type, argTypes, args);
		}
		Constructor<?> constructor = this.constructors.computeIfAbsent(
				new Key(type, (argTypes != null) ? List.copyOf(argTypes) : List.of()), AccessibleConstructors::open);
		if (constructor == null) {
			return super.create(type, argTypes, args);
		}
		try {
			return type.cast(constructor.newInstance((args != null) ? args.toArray() : new Object[0]));
		}
		catch (InvocationTargetException ex) {
			throw new ReflectionException("Error instantiating " + type + ": " + ex.getCause(), ex.getCause());
		}
		catch (ReflectiveOperationException | IllegalArgumentException ex) {
			throw new ReflectionException("Error instantiating " + type + " with " + argTypes + ": " + ex, ex);
		}
	}

	/** The constructor, accessible; null when there is none or it cannot be opened. */
	private static Constructor<?> open(Key key) {
		try {
			Constructor<?> constructor = key.type().getDeclaredConstructor(key.argTypes().toArray(Class<?>[]::new));
			constructor.setAccessible(true);
			return constructor;
		}
		catch (NoSuchMethodException | RuntimeException ex) {
			return null;
		}
	}

	private record Key(Class<?> type, List<Class<?>> argTypes) {
	}

}
