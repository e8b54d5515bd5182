# Packages: the Debian source package (debian/), the RPM spec, the Ansible
# role and playbook, and their tests. Included from the top-level Makefile.am
# after content/local.mk (whose dist_noinst_* lists this extends). The tests
# are heavy (package builds, three nodes with sshd and dockerd each), so they
# are their own targets and not part of `make check`.

PACKAGING_FILES = \
	debian/changelog \
	debian/control \
	debian/copyright \
	debian/dockerd-scap.install \
	debian/libdockerd-scap0.install \
	debian/libdockerd-scap-dev.install \
	debian/not-installed \
	debian/source/format \
	packaging/rpm/dockerd-scap.spec

dist_noinst_DATA += $(PACKAGING_FILES)
dist_noinst_SCRIPTS += debian/rules tests/package/check-package.sh tests/package/package-root.sh \
	tests/package/build-deb.sh tests/fleet/check-fleet.sh tests/fleet/node-init.sh

# Build the .deb (and the .rpm) from `make dist`'s tarball, lintian it, install
# it into a throwaway overlay of this machine's root and scan with the
# installed data stream. Root only.
check-package: dist
	$(SHELL) $(srcdir)/tests/package/check-package.sh \
		$(abs_top_builddir)/$(PACKAGE)-$(VERSION).tar.gz $(abs_top_builddir)/_package \
		$(abs_top_srcdir)/quickstart.sh
.PHONY: check-package

# The Ansible playbook against three hosts on this machine (network, mount,
# PID and UTS namespaces, sshd and a real dockerd each), from the .deb built
# here; the controller's dockerd-scap-report is the one built here. Root only.
check-fleet: dist all
	@deb=`$(SHELL) $(srcdir)/tests/package/build-deb.sh \
		$(abs_top_builddir)/$(PACKAGE)-$(VERSION).tar.gz $(abs_top_builddir)/_fleet/deb` && \
	$(SHELL) $(srcdir)/tests/fleet/check-fleet.sh $(abs_top_srcdir) "$$deb" \
		$(abs_top_builddir)/dockerd-scap-report $(abs_top_builddir)/_fleet
.PHONY: check-fleet
