"""Fixtures of the speaker registry's back-office tests: a signed-in organizer, real images."""

from __future__ import annotations

import io
import os
import struct
import zlib

from PIL import Image


def image_bytes(fmt: str, size=(40, 30), mode="RGB", color=(200, 30, 30), **save) -> bytes:
    """A real image file made by Pillow."""
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


def noise_png(size=(1000, 1000)) -> bytes:
    """A PNG that cannot compress: about 3 bytes per pixel."""
    out = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG file whose header declares a huge image, as decompression bombs do."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(b"IEND", b""))


def upload(data: bytes, filename: str):
    """A file field's value for the test client."""
    return (io.BytesIO(data), filename)
