package org.dedup4j.spi;

/**
 * Service interface for chunker plugins, found by {@link java.util.ServiceLoader}. See {@link
 * PluginProvider} for naming and registration.
 *
 * <pre>{@code
 * public final class MyChunkerProvider implements ChunkerProvider {
 *   public String name() { return "mychunker"; }
 *   public String description() { return "cuts after every newline"; }
 *   public List<OptionInfo> options() { return List.of(new OptionInfo("max", "64k", "64..1M")); }
 *   public Chunker create(Options o) { return new MyChunker(o.size("max", 64, 1 << 20)); }
 * }
 * }</pre>
 */
public interface ChunkerProvider extends PluginProvider<Chunker> {}
