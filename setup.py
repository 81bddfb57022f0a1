"""The import package `nightdesk` is the folder flows/ (the project's fixed layout keeps the code there); a built wheel
also carries sql/ and seeds/, which live at the repository root, inside the package (nightdesk/_data/)."""

import shutil
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py


class WithData(build_py):
    def run(self):
        super().run()
        if not self.editable_mode:  # an editable install reads them where they are
            for name in ("sql", "seeds"):
                shutil.copytree(name, Path(self.build_lib) / "nightdesk" / "_data" / name, dirs_exist_ok=True)


setup(
    package_dir={"nightdesk": "flows"},
    packages=["nightdesk", *(f"nightdesk.{p}" for p in find_packages("flows"))],
    cmdclass={"build_py": WithData},
)
