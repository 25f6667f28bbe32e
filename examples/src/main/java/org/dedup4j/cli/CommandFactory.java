package org.dedup4j.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Makes picocli's command objects: a command with a constructor taking {@link Streams} gets the
 * streams of this run (the real console, or a test's captured streams); anything else (mixins,
 * converters, the version provider, {@code help}) comes from picocli's default factory.
 */
final class CommandFactory implements IFactory {

  private final Streams io;

  CommandFactory(Streams io) {
    this.io = io;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> withStreams;
    try {
      withStreams = cls.getDeclaredConstructor(Streams.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(cls);
    }
    return withStreams.newInstance(io);
  }
}
