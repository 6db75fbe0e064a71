"""The case-study gallery: every spec in a folder rendered, with a generated README index.

    >>> from mlsd_dsl.gallery import build_gallery
    >>> written = build_gallery(Path("specs"), Path("gallery"))

Case studies are the systems directly in the specs folder; `*_draft.mlsd` files below it are
deliberately incomplete variants, drawn with the `--gaps` overlay. Rendering libraries are
imported only when the gallery is built.
"""

from __future__ import annotations

from mlsd_dsl.gallery.build import GalleryError, build_gallery, gallery_files, stale_files
from mlsd_dsl.gallery.collect import DRAFT_SUFFIX, Entry

__all__ = ["DRAFT_SUFFIX", "Entry", "GalleryError", "build_gallery", "gallery_files", "stale_files"]
