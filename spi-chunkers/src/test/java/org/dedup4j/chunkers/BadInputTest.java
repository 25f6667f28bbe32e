package org.dedup4j.chunkers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dedup4j.Chunkers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad option fails fast with an {@link IllegalArgumentException} whose message names the
 * chunker, the option, the value and the allowed range.
 */
class BadInputTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // spec | words the message must contain
        "fastcdc2020:min=16k,avg=8k,max=64k | option min;16384;greater than avg 8192;64..8192",
        "fastcdc2020:min=2k,avg=128k,max=64k | option avg;131072;greater than max 65536;2048..65536",
        "fastcdc2020:min=63,avg=8k,max=64k | option min;63;64..1048576",
        "fastcdc2020:min=2m,avg=4m,max=16m | option min;2m;64..1048576",
        "fastcdc2020:min=64,avg=255,max=64k | option avg;255;256..4194304",
        "fastcdc2020:min=2k,avg=8m,max=16m | option avg;8m;256..4194304",
        "fastcdc2020:min=64,avg=256,max=1023 | option max;1023;1024..16777216",
        "fastcdc2020:min=2k,avg=8k,max=32m | option max;32m;1024..16777216",
        "fastcdc2020:level=4 | option level;4;0..3",
        "fastcdc2020:level=-1 | option level;-1;0..3",
        "fastcdc2020:level=one | option level;one;not a number;0..3",
        "buzhash:window=wide | option window;wide;not a number;8..65535",
        "fastcdc2020:seed=abc | option seed;abc;not a number;0..18446744073709551615",
        "fastcdc2020:seed=-5 | option seed;-5;not a number;0..18446744073709551615",
        "fastcdc2020:seed=18446744073709551616 | option seed;18446744073709551616;0..18446744073709551615",
        "fastcdc2020:min=lots | option min;lots;not a size",
        "fastcdc2016:min=16k,avg=8k,max=64k | option min;16384;greater than avg",
        "fastcdc2016:min=2k,avg=128k,max=64k | option avg;greater than max",
        "fastcdc2016:min=32,avg=8k,max=64k | option min;32;64..1048576",
        "fastcdc2016:max=17m | option max;17m;1024..16777216",
        "fastcdc2016:level=9 | option level;9;0..3",
        "ronomon:min=16k,avg=8k,max=64k | option min;16384;greater than avg",
        "ronomon:min=2k,avg=128k,max=64k | option avg;greater than max",
        "ronomon:min=10,avg=8k,max=64k | option min;10;64..67108864",
        "ronomon:min=2k,avg=8k,max=2g | option max;2g;1024..1073741824",
        "gear:min=16k,avg=8k,max=64k | option min;16384;greater than avg",
        "gear:min=2k,avg=128k,max=64k | option avg;greater than max",
        "gear:min=2k,avg=100,max=64k | option avg;100;256..67108864",
        "gear:max=512m | option max;512m;1024..268435456",
        "gear:seed=0xZZ | option seed;0xZZ;not a number",
        "rabin:min=16k,avg=8k,max=64k | option min;16384;greater than avg",
        "rabin:min=2k,avg=128k,max=64k | option avg;greater than max",
        "rabin:min=32,avg=8k,max=64k | option min;32;64..16777216",
        "rabin:poly=0x3DA3358B4DC172 | option poly;0x3da3358b4dc172;reducible;degree 53",
        "rabin:poly=0x1DA3358B4DC173 | option poly;has degree 52;degree 53",
        "rabin:poly=0x7DA3358B4DC173 | option poly;has degree 54;degree 53",
        "rabin:poly=0 | option poly;has degree -1;degree 53",
        "rabin:poly=x^53+1 | option poly;x^53+1;not a number",
        "buzhash:min=16k,avg=8k,max=64k | option min;16384;greater than avg",
        "buzhash:min=2k,avg=128k,max=64k | option avg;greater than max",
        "buzhash:min=2k,avg=8k,max=64k,window=4095 | option window;4095;greater than min 2048;8..2048",
        "buzhash:window=4 | option window;4;8..65535",
        "buzhash:min=128k,avg=256k,max=1m,window=70000 | option window;70000;8..65535",
        "buzhash:seed=4294967296 | option seed;4294967296;0..4294967295",
        "buzhash:seed=-1 | option seed;-1;not a number",
      })
  void badOptionsFailWithAMessageNamingOptionValueAndRange(String spec, String words) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chunkers.fromSpec(spec));
    String name = spec.substring(0, spec.indexOf(':'));
    assertTrue(e.getMessage().contains("chunker " + name), e.getMessage());
    for (String w : words.split(";")) {
      assertTrue(e.getMessage().contains(w.trim()), "'" + w.trim() + "' missing in: " + e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
    "fastcdc2020:min=64,avg=256,max=1024",
    "fastcdc2020:min=1m,avg=4m,max=16m,level=3,seed=0xffffffffffffffff",
    "fastcdc2020:min=8k,avg=8k,max=8k",
    "fastcdc2020:min=1000,avg=12288,max=100000,level=0,seed=18446744073709551615",
    "fastcdc2016:min=1m,avg=4m,max=16m,level=3",
    "ronomon:min=64m,avg=256m,max=1g",
    "gear:min=16m,avg=64m,max=256m,seed=0xffffffffffffffff",
    "rabin:min=64,avg=256,max=1k,poly=0x3da3358b4dc173",
    "buzhash:min=64,avg=256,max=1k,window=64,seed=4294967295",
    "buzhash:min=512k,avg=2m,max=8m,window=4095",
  })
  void limitsAreInclusive(String spec) {
    Chunkers.fromSpec(spec);
  }
}
