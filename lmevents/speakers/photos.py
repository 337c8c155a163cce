"""Uploaded speaker portraits: checked, then re-encoded so only pixels we produced are served."""

from __future__ import annotations

import hashlib
import io

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy.orm import Session as DbSession

from lmevents.core.models import utcnow
from lmevents.errors import Conflict, Invalid
from lmevents.speakers.models import Speaker, SpeakerPhoto

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 800
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
JPEG_QUALITY = 85


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


def _open(data: bytes) -> Image.Image:
    """The image's header, read without decoding its pixels."""
    try:
        # `formats` makes Pillow identify the file by its content, and only as these formats.
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.DecompressionBombError:
        raise Invalid(_l("The image has too many pixels; at most %(limit)s megapixels.",
                         limit=MAX_PIXELS // 1_000_000), field="photo") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise Invalid(_l("The file is not a JPEG, PNG or WebP image."), field="photo") from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise Invalid(_l("The image has too many pixels (%(width)s×%(height)s); at most "
                         "%(limit)s megapixels.", width=width, height=height,
                         limit=MAX_PIXELS // 1_000_000), field="photo")
    return image


def _flatten(image: Image.Image) -> tuple[Image.Image, bool]:
    """The image as RGBA if any pixel is see-through, else as RGB; and which it is."""
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        image = image.convert("RGBA")
        if image.getchannel("A").getextrema()[0] < 255:
            return image, True
    return image.convert("RGB"), False


def _reencode(image: Image.Image) -> tuple[bytes, str, int, int]:
    """Scaled to MAX_SIDE, upright, without EXIF/XMP/text chunks: (data, type, width, height)."""
    if image.format == "JPEG":
        # Decode at a reduced scale where the JPEG allows it: less memory for large photos.
        image.draft("RGB", (MAX_SIDE, MAX_SIDE))
    try:
        image.load()
        # Cameras store "rotate me" in EXIF; apply it before EXIF is dropped.
        image = ImageOps.exif_transpose(image)
        image, transparent = _flatten(image)
    except (OSError, ValueError, SyntaxError):
        raise Invalid(_l("The image is damaged and cannot be read."), field="photo") from None
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image carries no `info`: no EXIF, XMP, text chunk or colour profile of the
    # original can leak into it.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    if transparent:
        clean.save(out, "PNG", optimize=True)
        content_type = "image/png"
    else:
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        content_type = "image/jpeg"
    return out.getvalue(), content_type, clean.width, clean.height


def set_speaker_photo(dbs: DbSession, speaker: Speaker, data: bytes) -> SpeakerPhoto:
    """Check an uploaded portrait and store it, re-encoded, in place of any previous one."""
    if not data:
        raise Invalid(_l("The file is empty."), field="photo")
    if len(data) > MAX_BYTES:
        raise Invalid(_l("The file is %(size)s; a photo may be at most %(limit)s.",
                         size=_megabytes(len(data)), limit=_megabytes(MAX_BYTES)),
                      field="photo")
    with _open(data) as image:
        stored, content_type, width, height = _reencode(image)
    photo = speaker.photo
    if photo is None:
        photo = SpeakerPhoto()
        speaker.photo = photo
    photo.content_type = content_type
    photo.data = stored
    photo.sha256 = hashlib.sha256(stored).hexdigest()
    photo.width, photo.height = width, height
    photo.uploaded_at = utcnow()
    dbs.flush()
    return photo


def remove_speaker_photo(dbs: DbSession, speaker: Speaker) -> None:
    """Delete the uploaded portrait (a photo URL, if any, is shown instead)."""
    if speaker.photo is None:
        raise Conflict(_l("There is no uploaded photo to remove."), field="photo")
    speaker.photo = None
    dbs.flush()
