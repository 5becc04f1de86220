/* bench-json-parse.c: the baseline for the check benchmark: json-glib
 * parsing the same files and nothing else.  Usage: bench-json-parse DIR */
#include <json-glib/json-glib.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n = 0;

  if (argc != 2 || (dir = g_dir_open (argv[1], 0, NULL)) == NULL)
    {
      g_printerr ("usage: bench-json-parse DIR\n");
      return 2;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (argv[1], name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

      if (mapped == NULL
          || !json_parser_load_from_data (parser, g_mapped_file_get_contents (mapped),
                                          (gssize)g_mapped_file_get_length (mapped), NULL))
        return 1;
      n++;
    }
  g_print ("%u\n", n);
  return 0;
}
