package org.dedup4j.cli;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dedup4j.Chunkers;
import org.dedup4j.Codecs;
import org.dedup4j.Compression;
import org.dedup4j.Hashers;
import org.dedup4j.spi.OptionInfo;
import org.dedup4j.spi.PluginProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dedup4j list}: every chunker, hasher and codec found ({@link Chunkers#providers()}, {@link
 * Hashers#providers()}, {@link Codecs#providers()}), built-in or from a plugin jar, with its
 * options, and any plugin that was found but could not be used (then the exit code is 1).
 */
@Command(
    name = "list",
    description = {
      "Lists the chunkers, hashers and codecs found, with their options.",
      "",
      "Shows every chunker, hasher and codec, built in or from plugin jars on the class path, with its "
          + "options and their defaults, and plugins that were found but could not be used "
          + "(exit 1)."
    },
    exitCodeList = {
      Dedup4jCommand.EXIT_OK,
      "1:a plugin was found but cannot be used (listed)",
      "2:bad usage, or output that could not be written",
      Dedup4jCommand.EXIT_INTERNAL
    })
final class ListCommand implements Callable<Integer> {

  private final Streams io;

  @Mixin private JsonOption output;

  ListCommand(Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>(Chunkers.problems());
    problems.addAll(Hashers.problems());
    problems.addAll(Codecs.problems());
    PrintStream out = io.out();
    if (output.json()) {
      out.println(json(problems));
    } else {
      out.print(text(problems));
    }
    if (!problems.isEmpty()) {
      io.err().println("dedup4j: " + problems.size() + " plugin(s) found but unusable (listed)");
      return Dedup4jCommand.SKIPPED;
    }
    return Dedup4jCommand.OK;
  }

  private static String text(List<String> problems) {
    StringBuilder sb = new StringBuilder();
    section(sb, "Chunkers (--chunker NAME[:OPTION=VALUE,...])", Chunkers.providers(),
        name(Chunkers.DEFAULT_SPEC));
    sb.append('\n');
    section(sb, "Hashers (--hasher NAME[:OPTION=VALUE,...])", Hashers.providers(),
        name(Hashers.DEFAULT_SPEC));
    sb.append('\n');
    section(sb, "Codecs (--compress NAME[:OPTION=VALUE,...])", Codecs.providers(), "");
    sb.append("  every codec also takes\n");
    for (OptionInfo o : Compression.OPTIONS) {
      sb.append(String.format(Locale.ROOT, "    %-10s  %s%n", o.name() + "=" + o.defaultValue(),
          o.description()));
    }
    sb.append('\n');
    section(sb, "Targets (scan --target NAME[:OPTION=VALUE,...])", org.dedup4j.Targets.providers(),
        "");
    if (!problems.isEmpty()) {
      sb.append("\nFound but unusable\n");
      for (String p : problems) {
        sb.append("  ").append(p).append('\n');
      }
    }
    return sb.toString();
  }

  private static void section(
      StringBuilder sb, String title, List<? extends PluginProvider<?>> providers, String dflt) {
    sb.append(title).append('\n');
    int width = 8;
    for (PluginProvider<?> p : providers) {
      width = Math.max(width, p.name().length());
    }
    int optionWidth = 1;
    for (PluginProvider<?> p : providers) {
      for (OptionInfo o : p.options()) {
        optionWidth = Math.max(optionWidth, o.name().length() + 1 + o.defaultValue().length());
      }
    }
    for (PluginProvider<?> p : providers) {
      sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%s%n", p.name(), p.description(),
          p.name().equals(dflt) ? " [default]" : ""));
      for (OptionInfo o : p.options()) {
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s    %-" + optionWidth + "s  %s%n",
            "", o.name() + "=" + o.defaultValue(), o.description()));
      }
    }
  }

  private static String name(String spec) {
    int colon = spec.indexOf(':');
    return colon < 0 ? spec : spec.substring(0, colon);
  }

  private static String json(List<String> problems) {
    StringWriter s = new StringWriter();
    try (JsonWriter w = new JsonWriter(s)) {
      w.setIndent("  ");
      w.beginObject();
      w.name("defaultChunker").value(Chunkers.DEFAULT_SPEC);
      w.name("defaultHasher").value(Hashers.DEFAULT_SPEC);
      providers(w.name("chunkers"), Chunkers.providers());
      providers(w.name("hashers"), Hashers.providers());
      providers(w.name("codecs"), Codecs.providers());
      options(w.name("codecOptions"), Compression.OPTIONS);
      providers(w.name("targets"), org.dedup4j.Targets.providers());
      w.name("problems").beginArray();
      for (String p : problems) {
        w.value(p);
      }
      w.endArray();
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }

  private static void providers(JsonWriter w, List<? extends PluginProvider<?>> providers)
      throws IOException {
    w.beginArray();
    for (PluginProvider<?> p : providers) {
      w.beginObject();
      w.name("name").value(p.name());
      w.name("description").value(p.description());
      w.name("provider").value(p.getClass().getName());
      options(w.name("options"), p.options());
      w.endObject();
    }
    w.endArray();
  }

  private static void options(JsonWriter w, List<OptionInfo> options) throws IOException {
    w.beginArray();
    for (OptionInfo o : options) {
      w.beginObject()
          .name("name").value(o.name())
          .name("default").value(o.defaultValue())
          .name("description").value(o.description())
          .endObject();
    }
    w.endArray();
  }
}
