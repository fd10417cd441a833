"""Image benchmark: peak memory and time of one photo upload through the image service."""
from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from community.bench import _bench_app

# --- images: peak memory of one upload ---------------------------------------------------------
# Each photo goes through the image service in a fresh Python process, and the figure is how far
# that process's peak memory rose during the upload. Two measures: ru_maxrss (getrusage) before and
# after, and Linux's VmHWM, reset to the current size just before the upload (/proc/self/clear_refs).
# ru_maxrss alone can hide a small rise: on Linux a child starts with the high-water mark of the
# process that started it, so the sample photos are made in a process of their own.

BYTES_PER_MIB = 1024 * 1024
IMAGE_CASES = [
    ("bomb: 6300x6300 RGBA PNG of ~150 KB", "bomb.png", 1),
    ("phone: 4000x3000 JPEG (12 MP)", "phone.jpg", 1),
    ("camera: 6000x4000 PNG (24 MP)", "camera.png", 1),
    ("16-bit: 4000x3000 RGB PNG (48 bits a pixel)", "deep.png", 1),
    ("camera PNG, 4 threads of one process at once", "camera.png", 4),
]
# glibc gives every thread its own malloc arena and keeps what a thread freed there: four threads
# that decode one after the other can still hold four decodes. A fixed mmap threshold returns big
# blocks to the system when freed; the last case shows the four threads with it.
MALLOC_SETTING = {"MALLOC_MMAP_THRESHOLD_": str(1024 * 1024)}
IMAGE_CASES_WITH_SETTING = [("  the same, MALLOC_MMAP_THRESHOLD_=1048576", "camera.png", 4)]
_IN_CHILD = ("import json, sys; from community import bench_images; "
             "print(json.dumps(getattr(bench_images, sys.argv[1])(*sys.argv[2:])))")


def run_image_benchmark(*, echo=print) -> list[dict]:
    """Peak memory and time of uploading each photo of IMAGE_CASES, each in a fresh process."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "images.sqlite3"
        _database_with_a_neighbourhood(database)
        _in_child("write_sample_photos", folder)
        cases = [(case, {}) for case in IMAGE_CASES] + [(case, MALLOC_SETTING) for case in IMAGE_CASES_WITH_SETTING]
        for (label, name, threads), environment in cases:
            row = _in_child("measure_image_upload", str(database), str(Path(folder) / name), str(threads),
                            environment=environment)
            rows.append({"label": label, "file_kb": (Path(folder) / name).stat().st_size // 1024, **row})
    echo("\nImages: one upload through the image service, each in a fresh process")
    echo(f"{'photo':<46}{'file KB':>8}{'RSS MiB':>9}{'+peak MiB':>10}{'+maxrss':>9}{'seconds':>9}  outcome")
    for row in rows:
        echo(f"{row['label']:<46}{row['file_kb']:>8}{row['rss_mib']:>9.1f}{row['peak_rise_mib']:>10.1f}"
             f"{row['maxrss_rise_mib']:>9.1f}{row['seconds']:>9.2f}  {row['outcome']}")
    echo("RSS: the process before the upload; +peak: how far its peak (VmHWM) rose above that during the upload;\n"
         "+maxrss: the rise of getrusage's ru_maxrss over its value before the upload.")
    return rows


def _in_child(function: str, *args: str, environment: dict | None = None):
    import json
    import os
    import subprocess
    import sys

    child = subprocess.run([sys.executable, "-c", _IN_CHILD, function, *args], capture_output=True, text=True,
                           check=True, env={**os.environ, **(environment or {})})
    return json.loads(child.stdout.strip().splitlines()[-1])


def measure_image_upload(database_path: str, photo_path: str, threads: str = "1") -> dict:
    """Upload one photo (in `threads` threads at once) and report how far the process's peak rose."""
    import gc
    import io
    import threading

    from PIL import Image as PILImage
    from sqlalchemy import select
    from werkzeug.datastructures import FileStorage

    from community.extensions import db
    from community.images.services import ImageError, save_uploaded_image
    from community.neighbourhoods.models import Neighbourhood

    app = _bench_app(Path(database_path), test_settings=True)
    app.config["UPLOAD_FOLDER"] = str(Path(database_path).parent / "uploads")
    data = Path(photo_path).read_bytes()
    with app.app_context():
        neighbourhood_id = db.session.scalar(select(Neighbourhood.id))
        db.session.commit()
    PILImage.init()  # the format plugins belong to the baseline, not to the first decode
    outcomes: list[str] = []

    def upload() -> None:
        with app.app_context():
            try:
                image = save_uploaded_image(FileStorage(io.BytesIO(data), filename=Path(photo_path).name),
                                            owner_id=None, neighbourhood_id=neighbourhood_id)
                outcomes.append(f"stored as {image.width}x{image.height}")
            except ImageError as error:
                outcomes.append(f"refused: {error.message}")
            finally:
                db.session.rollback()
                db.session.remove()

    gc.collect()
    maxrss_before = _maxrss_mib()
    rss_before = _reset_peak_rss()
    started = time.perf_counter()
    workers = [threading.Thread(target=upload) for _ in range(int(threads))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    return {"rss_mib": rss_before, "peak_rise_mib": _proc_status_mib("VmHWM") - rss_before,
            "maxrss_rise_mib": _maxrss_mib() - maxrss_before, "seconds": seconds,
            "outcome": ", ".join(sorted(set(outcomes)))}


def _maxrss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _reset_peak_rss() -> float:
    """Set the peak (VmHWM) to the present size (Linux 4.0+); returns that size in MiB."""
    Path("/proc/self/clear_refs").write_text("5")
    return _proc_status_mib("VmRSS")


def _proc_status_mib(field: str) -> float:
    match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE)
    return int(match.group(1)) / 1024


def _database_with_a_neighbourhood(database: Path) -> None:
    from community.extensions import db
    from community.neighbourhoods.models import Neighbourhood

    app = _bench_app(database, test_settings=True)
    with app.app_context():
        db.create_all()
        db.session.add(Neighbourhood(name="Benchmark", slug="benchmark", city="Oss", description=""))
        db.session.commit()
        db.engine.dispose()


def write_sample_photos(folder: str) -> list[str]:
    """The photos of IMAGE_CASES, written into `folder`."""
    from PIL import Image as PILImage

    folder = Path(folder)
    # The bomb: fully transparent rows, which zlib packs about a thousand to one.
    write_png(folder / "bomb.png", 6300, 6300, color_type=6, bit_depth=8, row=lambda _y: bytes(6300 * 4))
    # 16-bit: a horizontal gradient, shifted a little on every row.
    gradient = b"".join(int(x * 65535 / 3999).to_bytes(2, "big") * 3 for x in range(4000))
    write_png(folder / "deep.png", 4000, 3000, color_type=2, bit_depth=16,
              row=lambda y: gradient[(y * 6) % len(gradient):] + gradient[:(y * 6) % len(gradient)])
    # A phone photo: smooth colour with detail, saved as a camera would (quality 90, upright by EXIF).
    photo = _sample_picture((4000, 3000))
    exif = PILImage.Exif()
    exif[0x0112] = 6
    photo.save(folder / "phone.jpg", "JPEG", quality=90, exif=exif)
    _sample_picture((6000, 4000)).save(folder / "camera.png", "PNG", compress_level=6)
    return sorted(path.name for path in folder.iterdir())

def _sample_picture(size: tuple[int, int]):
    from PIL import Image as PILImage

    red = PILImage.linear_gradient("L").resize(size)
    green = PILImage.radial_gradient("L").resize(size)
    blue = PILImage.effect_mandelbrot((size[0] // 4, size[1] // 4), (-2.0, -1.2, 1.0, 1.2), 60).resize(size)
    return PILImage.merge("RGB", (red, green, blue))


def write_png(path: Path, width: int, height: int, *, color_type: int, bit_depth: int, row) -> None:
    """A PNG written row by row (`row(y)` gives a row's bytes), so a file that decodes huge costs
    nothing to make. color_type 2 is RGB, 6 is RGBA (PNG specification, IHDR)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    compressor = zlib.compressobj(9)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth,
                                                                      color_type, 0, 0, 0)))
        pending = bytearray()
        for y in range(height):
            pending += compressor.compress(b"\0" + row(y))  # filter type 0 (None) for each row
            if len(pending) >= BYTES_PER_MIB:
                out.write(chunk(b"IDAT", bytes(pending)))
                pending.clear()
        pending += compressor.flush()
        out.write(chunk(b"IDAT", bytes(pending)) + chunk(b"IEND", b""))
